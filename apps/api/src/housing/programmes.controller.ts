import { Body, Controller, Get, HttpCode, Param, Post, Res, UploadedFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { FileUpload, IMPORT_FILE_LIMIT_BYTES } from '../common/file-upload';
import { sendWorkbook } from '../common/send-workbook';
import { readTable, TABLE_FILE_ERRORS, UploadedTable } from '../common/table-file';
import { CreateProgrammeBody, ImportIdParam, ProgrammeIdParam, ReconcileBody } from './dto/programme.dto';
import { ImportView, ProgrammeView, ReconcileReportView } from './dto/housing-view.dto';
import { HOUSEHOLD_COLUMNS } from './household-columns';
import { HouseholdImportService } from './household-import.service';
import { HouseholdWorkbookService } from './household-workbook.service';
import { HouseholdReconcileService } from './household-reconcile.service';
import { ProgrammesService } from './programmes.service';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { HousingErrors } from './housing.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';

/** Housing-repair programmes (危房改造) and the import of their households. */
@ApiTags('housing')
@ApiBearerAuth()
@Controller('housing')
export class ProgrammesController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly imports: HouseholdImportService,
    private readonly workbooks: HouseholdWorkbookService,
    private readonly reconciler: HouseholdReconcileService,
  ) {}

  @Post('programmes')
  @IdempotentCommand()
  @Roles('command-center')
  @ApiOperation({
    summary: 'Create a programme: stage deadlines, notice periods, stall and payment times, ladder',
  })
  @ApiCreatedResponse({ type: ProgrammeView })
  @ApiErrors(CommonErrors.pick('VALIDATION_FAILED'))
  create(@Caller() caller: CurrentUser, @Body() body: CreateProgrammeBody): Promise<ProgrammeView> {
    return this.programmes.create(caller, body);
  }

  @Get('programmes')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [ProgrammeView] })
  @ApiErrors()
  list(): Promise<ProgrammeView[]> {
    return this.programmes.list();
  }

  @Get('programmes/:id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: ProgrammeView })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  detail(@Param() params: ProgrammeIdParam): Promise<ProgrammeView> {
    return this.programmes.view(params.id);
  }

  @Get('programmes/:id/import-template')
  @Roles('command-center', 'department')
  @ApiOperation({ summary: 'Download the XLSX template for importing households' })
  @ApiErrors()
  async template(@Param() _params: ProgrammeIdParam, @Res() response: FastifyReply): Promise<void> {
    sendWorkbook(response, '危房改造农户导入模板.xlsx', await this.workbooks.template());
  }

  @Get('programmes/:id/households/export')
  @ExpensiveRateLimit()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'The programme’s households as XLSX: the import template’s columns, then stage, stage deadline, overdue and escalation (a township or village: its own)',
  })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  async exportHouseholds(
    @Caller() caller: CurrentUser,
    @Param() params: ProgrammeIdParam,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const { fileName, content } = await this.workbooks.export(caller, params.id);
    sendWorkbook(response, fileName, content);
  }

  @Post('programmes/:id/imports')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('command-center', 'department')
  @HttpCode(202)
  @FileUpload(IMPORT_FILE_LIMIT_BYTES, TABLE_FILE_ERRORS)
  @ApiOperation({
    summary:
      'Import households from XLSX or CSV (up to 20,000 rows): one bad row rejects the file; pipelines start in the background',
  })
  @ApiAcceptedResponse({ type: ImportView })
  @ApiErrors(
    HousingErrors.pick('PROGRAMME_NOT_FOUND'),
    CommonErrors.pick('OTHER_UNIT', 'ALREADY_EXISTS', 'TEMPORAL_UNAVAILABLE', 'WORKER_UNAVAILABLE'),
  )
  async import(
    @Caller() caller: CurrentUser,
    @Param() params: ProgrammeIdParam,
    @UploadedFile() file: UploadedTable | undefined,
  ): Promise<ImportView> {
    const table = await readTable(file, HOUSEHOLD_COLUMNS);
    return this.imports.import(caller, params.id, file!.originalname, table);
  }

  @Post('programmes/:id/reconcile')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('admin', 'command-center')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reconcile now: compare the programme’s households (or the listed ones) with their workflows and rewrite every row that ran ahead; answers what was repaired and what did not answer',
  })
  @ApiOkResponse({ type: ReconcileReportView })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  reconcile(@Param() params: ProgrammeIdParam, @Body() body: ReconcileBody): Promise<ReconcileReportView> {
    return this.reconciler.reconcile(params.id, body.householdIds);
  }

  @Get('imports/:id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Progress of an import: households in the file and pipelines started' })
  @ApiOkResponse({ type: ImportView })
  @ApiErrors(HousingErrors.pick('IMPORT_NOT_FOUND'))
  progress(@Caller() caller: CurrentUser, @Param() params: ImportIdParam): Promise<ImportView> {
    return this.imports.progress(caller, params.id);
  }
}
