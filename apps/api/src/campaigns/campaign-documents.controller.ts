import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, Roles } from '../access/access.decorators';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { sendWorkbook, XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { HtmlDocument } from '../documents/html-document.decorator';
import {
  campaignBulletinTitle,
  finalReportTitle,
  renderCampaignBulletinHtml,
  renderCampaignBulletinXlsx,
  renderFinalReportHtml,
  renderFinalReportXlsx,
} from '../documents/report-documents';
import { CampaignErrors } from './campaign.errors';
import { CampaignReportsService } from './campaign-reports.service';
import { BulletinParams, CampaignIdParam } from './dto/campaign.dto';

/**
 * A campaign's weekly bulletins and its final report as printable documents (the office's frame:
 * 发文机关, 文号, 主送, 落款) and as workbooks, for whoever may see the campaign.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns/:id')
export class CampaignDocumentsController {
  constructor(private readonly reports: CampaignReportsService) {}

  @Get('bulletins/:number/html')
  @Roles(...ALL_ROLES)
  @HtmlDocument()
  @ApiOperation({ summary: 'One weekly bulletin as a printable A4 document (发文机关, 文号, 主送, 落款)' })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'BULLETIN_NOT_FOUND'))
  async bulletinHtml(@Caller() caller: CurrentUser, @Param() params: BulletinParams): Promise<string> {
    const { payload, meta } = await this.reports.bulletinDocument(caller, params.id, params.number);
    return renderCampaignBulletinHtml(payload, meta);
  }

  @Get('bulletins/:number/xlsx')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'One weekly bulletin as an XLSX workbook (排名, 逾期任务, 督办情况, 进度滞后, 目标完成)',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'BULLETIN_NOT_FOUND'))
  async bulletinXlsx(
    @Caller() caller: CurrentUser,
    @Param() params: BulletinParams,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const { payload, meta } = await this.reports.bulletinDocument(caller, params.id, params.number);
    sendWorkbook(
      response,
      `${campaignBulletinTitle(payload, meta)}.xlsx`,
      await renderCampaignBulletinXlsx(payload, meta),
    );
  }

  @Get('final-report/html')
  @Roles(...ALL_ROLES)
  @HtmlDocument()
  @ApiOperation({ summary: 'The final report as a printable A4 document (409 before close)' })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'NOT_CLOSED'))
  async finalReportHtml(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<string> {
    const { report, meta } = await this.reports.finalReportDocument(caller, params.id);
    return renderFinalReportHtml(report, meta);
  }

  @Get('final-report/xlsx')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'The final report as an XLSX workbook (任务完成明细, 各单位, 目标完成; 409 before close)',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(CampaignErrors.pick('CAMPAIGN_NOT_FOUND', 'NOT_CLOSED'))
  async finalReportXlsx(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const { report, meta } = await this.reports.finalReportDocument(caller, params.id);
    sendWorkbook(response, `${finalReportTitle(meta)}.xlsx`, await renderFinalReportXlsx(report, meta));
  }
}
