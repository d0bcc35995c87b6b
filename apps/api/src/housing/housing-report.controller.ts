import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, Roles } from '../access/access.decorators';
import { HtmlDocument } from '../documents/html-document.decorator';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { sendWorkbook, XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { DocumentsService } from '../documents/documents.service';
import {
  monthlyReportTitle,
  renderMonthlyReportHtml,
  renderMonthlyReportXlsx,
} from '../documents/report-documents';
import { MonthlyReportQuery, ProgrammeIdParam } from './dto/programme.dto';
import { MonthlyReportView, ProgrammeProgressView } from './dto/housing-view.dto';
import { HousingReportService } from './housing-report.service';
import { HousingErrors } from './housing.errors';
import { ApiErrors } from '../common/errors/api-errors.decorator';

@ApiTags('housing')
@ApiBearerAuth()
@Controller('housing')
export class HousingReportController {
  constructor(
    private readonly reports: HousingReportService,
    private readonly documents: DocumentsService,
  ) {}

  @Get('report')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'Monthly report: households started and completed in the month and cumulatively, by township; registered-poor share',
  })
  @ApiOkResponse({ type: MonthlyReportView })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  monthly(@Caller() caller: CurrentUser, @Query() query: MonthlyReportQuery): Promise<MonthlyReportView> {
    return this.reports.monthly(caller, query.programme, query.month);
  }

  @Get('report/html')
  @Roles(...ALL_ROLES)
  @HtmlDocument()
  @ApiOperation({
    summary: 'The monthly report as a printable A4 document in the office’s frame (发文机关, 落款)',
  })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  async monthlyHtml(@Caller() caller: CurrentUser, @Query() query: MonthlyReportQuery): Promise<string> {
    const report = await this.reports.monthly(caller, query.programme, query.month);
    return renderMonthlyReportHtml(report, {
      issuingOffice: (await this.documents.issuingOffice()).name,
      drawnAt: new Date(),
    });
  }

  @Get('report/xlsx')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The monthly report as an XLSX table (by township, with the total)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  async monthlyXlsx(
    @Caller() caller: CurrentUser,
    @Query() query: MonthlyReportQuery,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const report = await this.reports.monthly(caller, query.programme, query.month);
    sendWorkbook(response, `${monthlyReportTitle(report)}.xlsx`, await renderMonthlyReportXlsx(report));
  }

  @Get('programmes/:id/progress')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Counts by stage and township, overdue households by stage, stalled and escalated households',
  })
  @ApiOkResponse({ type: ProgrammeProgressView })
  @ApiErrors(HousingErrors.pick('PROGRAMME_NOT_FOUND'))
  progress(@Caller() caller: CurrentUser, @Param() params: ProgrammeIdParam): Promise<ProgrammeProgressView> {
    return this.reports.progress(caller, params.id);
  }
}
