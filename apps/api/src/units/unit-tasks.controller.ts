import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { wantsWorkbook, workbookFile } from '../campaigns/responsibilities.service';
import { ErrorBody } from '../common/error-body';
import { XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { UnitCodeParam } from './dto/unit.dto';
import { UnitTasksQuery, UnitTasksView } from './unit-tasks.dto';
import { UnitTasksService } from './unit-tasks.service';

/** A unit's to-do list: a department for its own unit and the units below it; cross-unit roles for any. */
@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitTasksController {
  constructor(private readonly tasks: UnitTasksService) {}

  @Get(':code/tasks')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      "One unit's to-do list across campaigns, ledgers and programmes, sorted by deadline, with escalation levels: campaign tasks (lead or cooperating, not accepted), open rectification items, households waiting for it; `?format=xlsx` downloads it",
  })
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOkResponse({ type: UnitTasksView })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'OTHER_UNIT: a department asking for another unit' })
  @ApiNotFoundResponse({ type: ErrorBody })
  async list(
    @Caller() caller: CurrentUser,
    @Param() params: UnitCodeParam,
    @Query() query: UnitTasksQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<UnitTasksView | StreamableFile> {
    if (!wantsWorkbook(query.format, accept)) return this.tasks.list(caller, params.code);
    const { fileName, content } = await this.tasks.workbook(caller, params.code);
    return workbookFile(fileName, `${params.code}-tasks.xlsx`, content);
  }
}
