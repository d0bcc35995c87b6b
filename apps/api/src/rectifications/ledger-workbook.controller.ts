import { Controller, Get, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, Roles } from '../access/access.decorators';
import { FileUpload, IMPORT_FILE_LIMIT_BYTES } from '../common/file-upload';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { sendWorkbook } from '../common/send-workbook';
import { readTable, TABLE_FILE_ERRORS, UploadedTable } from '../common/table-file';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CommonErrors } from '../common/errors/common.errors';
import { LedgerIdParam } from '../ledgers/dto/ledger.dto';
import { LedgerErrors } from '../ledgers/ledger.errors';
import { LedgerImportQuery } from './dto/ledger-import.dto';
import { ITEM_COLUMNS, LedgerWorkbookService } from './ledger-workbook.service';
import { RectificationErrors } from './rectification.errors';
import { IdempotentCommand } from '../common/idempotency/idempotent-command.decorator';
import { ExpensiveRateLimit } from '../common/rate-limits/rate-limits';

/** The ledger as a spreadsheet: a template to fill in, an import, and an export with status columns. */
@ApiTags('rectifications')
@ApiBearerAuth()
@Controller('ledgers/:id/workbook')
export class LedgerWorkbookController {
  constructor(private readonly workbook: LedgerWorkbookService) {}

  @Get('template')
  @Roles('inspector', 'command-center')
  @ApiErrors()
  @ApiOperation({ summary: 'Download the XLSX template for importing items' })
  async template(@Param() _params: LedgerIdParam, @Res() response: FastifyReply): Promise<void> {
    sendWorkbook(response, '整改台账导入模板.xlsx', await this.workbook.template());
  }

  @Post('import')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @ApiErrors(
    LedgerErrors.pick('LEDGER_NOT_FOUND'),
    RectificationErrors.pick('REGISTRATION_PENDING'),
    CommonErrors.pick('TEMPORAL_UNAVAILABLE', 'WORKFLOW_SERVICE_UNAVAILABLE'),
  )
  @FileUpload(IMPORT_FILE_LIMIT_BYTES, TABLE_FILE_ERRORS)
  @ApiOperation({
    summary:
      'Register every item of an XLSX or CSV ledger; any problem rejects the file, naming every problem (row, column, value, reason). ?existing=true brings in an existing ledger as it stands: passed deadlines are accepted and each item starts at the escalation level it has reached',
  })
  async import(
    @Caller() caller: CurrentUser,
    @Param() params: LedgerIdParam,
    @Query() query: LedgerImportQuery,
    @UploadedFile() file: UploadedTable | undefined,
  ) {
    return this.workbook.import(caller, params.id, await readTable(file, ITEM_COLUMNS), {
      existing: query.existing === true,
    });
  }

  @Get('export')
  @ExpensiveRateLimit()
  @Roles(...ALL_ROLES)
  @ApiErrors(LedgerErrors.pick('LEDGER_NOT_FOUND'))
  @ApiOperation({ summary: 'The ledger as XLSX with status columns (a department gets its own items)' })
  async export(
    @Caller() caller: CurrentUser,
    @Param() params: LedgerIdParam,
    @Res() response: FastifyReply,
  ): Promise<void> {
    sendWorkbook(response, '整改台账.xlsx', await this.workbook.export(caller, params.id));
  }
}
