import { Injectable } from '@nestjs/common';
import { CampaignQueries } from '../../../../libs/database/src/campaign/campaign.queries';
import {
  finalReport,
  taskProgress,
  type CampaignBulletinPayload,
} from '../../../../libs/domain/src/campaign/campaign-progress';
import type { CurrentUser } from '../access/current-user';
import { DocumentsService } from '../documents/documents.service';
import { CampaignErrors } from './campaign.errors';
import { withDeadlineDates } from './campaign-views';
import { CampaignsService } from './campaigns.service';
import type {
  CampaignBulletinSummaryView,
  CampaignBulletinView,
  FinalReportView,
} from './dto/campaign-view.dto';

/** What the printable documents and workbooks say beside the report: names, office, dates. */
interface DocumentFrame {
  campaignName: string;
  unitNames: Record<string, string>;
  issuingOffice: string;
}

/**
 * A campaign's reports: the weekly bulletins (一周一通报) as published, and the final report once
 * it is closed; as views, and with what the printable documents need (unit names, the office).
 */
@Injectable()
export class CampaignReportsService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly queries: CampaignQueries,
    private readonly documents: DocumentsService,
  ) {}

  /** The final report (goals against targets; tasks on time, late, unfinished; by unit), once closed. */
  async finalReport(caller: CurrentUser, id: string): Promise<FinalReportView> {
    const { campaign, plan } = await this.campaigns.visible(caller, id);
    if (campaign.status !== 'closed' || !campaign.closedAt) throw CampaignErrors.error('NOT_CLOSED');
    const report =
      campaign.finalReport ??
      finalReport(
        plan.resolved.goals,
        taskProgress(await this.queries.progressRows(id), campaign.closedAt),
        campaign.closedAt.toISOString(),
      );
    return {
      campaignId: id,
      name: campaign.name,
      report: { ...report, tasks: withDeadlineDates(report.tasks) },
    };
  }

  async bulletins(caller: CurrentUser, id: string): Promise<CampaignBulletinSummaryView[]> {
    await this.campaigns.visible(caller, id);
    const bulletins = await this.queries.bulletins(id);
    return bulletins.map((b) => ({
      number: b.number,
      asOf: b.asOf.toISOString(),
      createdAt: b.createdAt.toISOString(),
      overdue: b.payload.overdue.length,
      escalated: b.payload.escalated.length,
      behindPace: b.payload.behindPace.length,
    }));
  }

  async bulletin(caller: CurrentUser, id: string, number: number): Promise<CampaignBulletinView> {
    await this.campaigns.visible(caller, id);
    const bulletin = await this.queries.bulletin(id, number);
    if (!bulletin) throw CampaignErrors.error('BULLETIN_NOT_FOUND', `第 ${number} 期通报不存在`);
    return {
      campaignId: id,
      number: bulletin.number,
      asOf: bulletin.asOf.toISOString(),
      createdAt: bulletin.createdAt.toISOString(),
      payload: { ...bulletin.payload, overdue: withDeadlineDates(bulletin.payload.overdue) },
    };
  }

  /** A published bulletin with what its printable document names: the campaign, the units, the office. */
  async bulletinDocument(
    caller: CurrentUser,
    id: string,
    number: number,
  ): Promise<{ payload: CampaignBulletinPayload; meta: DocumentFrame & { publishedAt: Date } }> {
    const { campaign } = await this.campaigns.visible(caller, id);
    const bulletin = await this.queries.bulletin(id, number);
    if (!bulletin) throw CampaignErrors.error('BULLETIN_NOT_FOUND', `第 ${number} 期通报不存在`);
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

  /** The final report with what its printable document names (409 before the close). */
  async finalReportDocument(
    caller: CurrentUser,
    id: string,
  ): Promise<{ report: FinalReportView['report']; meta: DocumentFrame }> {
    const view = await this.finalReport(caller, id);
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

  private async unitNames(codes: string[]): Promise<Record<string, string>> {
    return Object.fromEntries(await this.queries.unitNames(codes));
  }
}
