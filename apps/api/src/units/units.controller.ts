import { Body, Controller, Get, Param, Patch, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../access/access.decorators';
import { FileUpload, IMPORT_FILE_LIMIT_BYTES } from '../common/file-upload';
import type { CurrentUser } from '../access/current-user';
import { readTable, TABLE_FILE_ERRORS, UploadedTable } from '../common/table-file';
import { ALL_ROLES } from '../access/role-sets';
import {
  CreateUnitBody,
  UnitCodeParam,
  UnitImportResult,
  UnitsQuery,
  UnitView,
  UpdateUnitBody,
} from './dto/unit.dto';
import { UNIT_COLUMNS, UnitsService, unitView } from './units.service';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { UnitsErrors } from './units.errors';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'The unit tree, in path order (the organisation chart is visible to every signed-in user)',
  })
  @ApiOkResponse({ type: [UnitView] })
  @ApiErrors(UnitsErrors.pick('UNIT_NOT_FOUND'))
  list(@Query() query: UnitsQuery): Promise<UnitView[]> {
    return this.units.list(query);
  }

  @Get(':code')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: UnitView })
  @ApiErrors(UnitsErrors.pick('UNIT_NOT_FOUND'))
  async get(@Param() params: UnitCodeParam): Promise<UnitView> {
    return unitView(await this.units.get(params.code));
  }

  @Post()
  @IdempotentCommand()
  @Roles('admin')
  @ApiCreatedResponse({ type: UnitView })
  @ApiErrors(UnitsErrors.pick('UNIT_EXISTS', 'PARENT_NOT_FOUND'), CommonErrors.pick('ALREADY_EXISTS'))
  create(@Caller() caller: CurrentUser, @Body() body: CreateUnitBody): Promise<UnitView> {
    return this.units.create(caller, body);
  }

  @Patch(':code')
  @IdempotentCommand()
  @Roles('admin')
  @ApiOperation({ summary: 'Rename, re-kind or move a unit (its whole subtree moves with it)' })
  @ApiOkResponse({ type: UnitView })
  @ApiErrors(UnitsErrors.pick('UNIT_NOT_FOUND', 'PARENT_NOT_FOUND', 'UNIT_CYCLE'))
  update(
    @Caller() caller: CurrentUser,
    @Param() params: UnitCodeParam,
    @Body() body: UpdateUnitBody,
  ): Promise<UnitView> {
    return this.units.update(caller, params.code, body);
  }

  @Post('import')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('admin')
  @FileUpload(IMPORT_FILE_LIMIT_BYTES, TABLE_FILE_ERRORS)
  @ApiOperation({
    summary: 'Import units from XLSX or CSV (columns 编码, 名称, 类型, 上级编码); all rows or none',
  })
  @ApiCreatedResponse({ type: UnitImportResult })
  @ApiErrors(UnitsErrors.pick('UNIT_EXISTS'), CommonErrors.pick('ALREADY_EXISTS'))
  async import(
    @Caller() caller: CurrentUser,
    @UploadedFile() file: UploadedTable | undefined,
  ): Promise<UnitImportResult> {
    return this.units.import(caller, await readTable(file, UNIT_COLUMNS));
  }
}
