import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource, In } from 'typeorm';
import { CampaignBulletin } from '../../../../libs/database/src/campaign/campaign-bulletin.entity';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { Caller, Roles } from '../access/access.decorators';
import { HtmlDocument } from '../documents/html-document.decorator';
import type { CurrentUser } from '../access/current-user';
import { ALL_ROLES } from '../access/role-sets';
import { ErrorBody } from '../common/error-body';
import { sendWorkbook, XLSX_MEDIA_TYPE } from '../common/send-workbook';
import { DocumentsService } from '../documents/documents.service';
import {
  campaignBulletinTitle,
  finalReportTitle,
  renderCampaignBulletinHtml,
  renderCampaignBulletinXlsx,
  renderFinalReportHtml,
  renderFinalReportXlsx,
} from '../documents/report-documents';
import { CampaignsService } from './campaigns.service';
import { BulletinParams, CampaignIdParam } from './dto/campaign.dto';

/**
 * A campaign's weekly bulletins and its final report as printable documents (the office's frame:
 * 发文机关, 文号, 主送, 落款) and as workbooks, for whoever may see the campaign.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns/:id')
export class CampaignDocumentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly documents: DocumentsService,
  ) {}

  private async unitNames(codes: string[]): Promise<Record<string, string>> {
    const units = await this.dataSource.getRepository(Unit).findBy({ code: In([...new Set(codes)]) });
    return Object.fromEntries(units.map((u) => [u.code, u.name]));
  }

  private async bulletinOf(caller: CurrentUser, params: BulletinParams) {
    const { campaign } = await this.campaigns.visible(caller, params.id);
    const bulletin = await this.dataSource
      .getRepository(CampaignBulletin)
      .findOneBy({ campaignId: params.id, number: params.number });
    if (!bulletin)
      throw new NotFoundException({
        code: 'BULLETIN_NOT_FOUND',
        message: `第 ${params.number} 期通报不存在`,
      });
    const payload = bulletin.payload;
    const meta = {
      campaignName: campaign.name,
      unitNames: await this.unitNames([
        ...payload.ranking.map((s) => s.unit),
        ...payload.overdue.map((t) => t.lead),
        ...payload.escalated.map((t) => t.lead),
        ...payload.behindPace.map((t) => t.lead),
      ]),
      publishedAt: bulletin.createdAt,
      issuingOffice: (await this.documents.issuingOffice()).name,
    };
    return { payload, meta };
  }

  private async finalReportOf(caller: CurrentUser, id: string) {
    const view = await this.campaigns.finalReport(caller, id);
    const report = view.report;
    const meta = {
      campaignName: view.name,
      unitNames: await this.unitNames([
        ...report.byUnit.map((u) => u.unit),
        ...report.tasks.map((t) => t.lead),
      ]),
      issuingOffice: (await this.documents.issuingOffice()).name,
    };
    return { report, meta };
  }

  @Get('bulletins/:number/html')
  @Roles(...ALL_ROLES)
  @HtmlDocument()
  @ApiOperation({ summary: 'One weekly bulletin as a printable A4 document (发文机关, 文号, 主送, 落款)' })
  @ApiNotFoundResponse({ type: ErrorBody })
  async bulletinHtml(@Caller() caller: CurrentUser, @Param() params: BulletinParams): Promise<string> {
    const { payload, meta } = await this.bulletinOf(caller, params);
    return renderCampaignBulletinHtml(payload, meta);
  }

  @Get('bulletins/:number/xlsx')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'One weekly bulletin as an XLSX workbook (排名, 逾期任务, 督办情况, 进度滞后, 目标完成)',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBody })
  async bulletinXlsx(
    @Caller() caller: CurrentUser,
    @Param() params: BulletinParams,
    @Res() response: Response,
  ): Promise<void> {
    const { payload, meta } = await this.bulletinOf(caller, params);
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
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody })
  async finalReportHtml(@Caller() caller: CurrentUser, @Param() params: CampaignIdParam): Promise<string> {
    const { report, meta } = await this.finalReportOf(caller, params.id);
    return renderFinalReportHtml(report, meta);
  }

  @Get('final-report/xlsx')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'The final report as an XLSX workbook (任务完成明细, 各单位, 目标完成; 409 before close)',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody })
  async finalReportXlsx(
    @Caller() caller: CurrentUser,
    @Param() params: CampaignIdParam,
    @Res() response: Response,
  ): Promise<void> {
    const { report, meta } = await this.finalReportOf(caller, params.id);
    sendWorkbook(response, `${finalReportTitle(meta)}.xlsx`, await renderFinalReportXlsx(report, meta));
  }
}
