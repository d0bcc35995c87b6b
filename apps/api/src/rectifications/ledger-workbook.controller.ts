import { Controller, Get, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Caller, Roles } from '../access/access.decorators';
import { FileUpload, IMPORT_FILE_LIMIT_BYTES } from '../common/file-upload';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { sendWorkbook } from '../common/send-workbook';
import { readTable, UploadedTable } from '../common/table-file';
import { LedgerIdParam } from '../ledgers/dto/ledger.dto';

import { LedgerImportQuery } from './dto/ledger-import.dto';
import { ITEM_COLUMNS, LedgerWorkbookService } from './ledger-workbook.service';
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
  @ApiOperation({ summary: 'Download the XLSX template for importing items' })
  async template(@Param() _params: LedgerIdParam, @Res() response: Response): Promise<void> {
    sendWorkbook(response, '整改台账导入模板.xlsx', await this.workbook.template());
  }

  @Post('import')
  @ExpensiveRateLimit()
  @IdempotentCommand()
  @Roles('inspector', 'command-center')
  @FileUpload(IMPORT_FILE_LIMIT_BYTES)
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
  @ApiOperation({ summary: 'The ledger as XLSX with status columns (a department gets its own items)' })
  async export(
    @Caller() caller: CurrentUser,
    @Param() params: LedgerIdParam,
    @Res() response: Response,
  ): Promise<void> {
    sendWorkbook(response, '整改台账.xlsx', await this.workbook.export(caller, params.id));
  }
}
