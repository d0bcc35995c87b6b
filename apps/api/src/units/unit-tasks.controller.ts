import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { wantsWorkbook, workbookFile } from '../campaigns/responsibilities.service';
import { CommonErrors } from '../common/errors/common.errors';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { UnitsErrors } from './units.errors';
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
  @ApiErrors(UnitsErrors.pick('UNIT_NOT_FOUND'), CommonErrors.pick('OTHER_UNIT'))
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
