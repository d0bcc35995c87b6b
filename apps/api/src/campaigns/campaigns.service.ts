import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Environment } from '../../../../libs/config/src/environment';
import { CampaignCommand, campaignCommandUpdate } from '../../../../libs/contracts/src/campaign/campaign';
import { CampaignQueries } from '../../../../libs/database/src/campaign/campaign.queries';
import type { CampaignPlanVersion } from '../../../../libs/database/src/campaign/campaign-plan-version.entity';
import type { Campaign } from '../../../../libs/database/src/campaign/campaign.entity';
import { pledgingUnits } from '../../../../libs/domain/src/campaign/campaign-rules';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import { readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { executeCommandUpdate } from '../common/workflow-wait';
import { maySeeCampaign } from './campaign-access';
import { CampaignErrors, EVIDENCE_NOT_UPLOADED_HERE } from './campaign.errors';
import { campaignView, taskSummary } from './campaign-views';
import type { CampaignDetailView, CampaignView, PledgeView } from './dto/campaign-view.dto';

const notFound = (id: string) => CampaignErrors.error('CAMPAIGN_NOT_FOUND', `攻坚行动 ${id} 不存在`);

/** A campaign the caller may see, with the plan version it runs (or will launch). */
export interface VisibleCampaign {
  campaign: Campaign;
  plan: CampaignPlanVersion;
}

/**
 * Campaigns (百日攻坚行动) as a caller may see them (list, detail: 404 for a department the campaign
 * does not name), and what every campaign route shares: sending a campaign-level command to the
 * campaign workflow as an update, and checking the evidence a step cites. Launch, pledges and the
 * command center's steps are CampaignStepsService's; plans CampaignPlansService's; reports
 * CampaignReportsService's.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly queries: CampaignQueries,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
  ) {}

  /** Sends a campaign-level command to the campaign's workflow as an update (plan versions too). */
  async send(caller: CurrentUser, campaign: Campaign, command: CampaignCommand): Promise<void> {
    await executeCommandUpdate(
      this.temporal,
      this.env.COMMAND_WAIT_SECONDS,
      campaign.workflowId,
      campaignCommandUpdate,
      [{ command, actor: auditActor(caller) }],
    );
  }

  /** Evidence ids must name files uploaded to this campaign (to this task, when one is given). */
  async assertEvidence(campaignId: string, taskKey: string | null, evidenceIds: string[]): Promise<void> {
    if (evidenceIds.length === 0) return;
    const known = await this.queries.evidenceAmong(campaignId, taskKey, evidenceIds);
    const unknown = evidenceIds.filter((e) => !known.has(e));
    if (unknown.length > 0)
      throw new BadRequestException({
        code: EVIDENCE_NOT_UPLOADED_HERE.code,
        message: taskKey ? '佐证材料须先上传到本任务' : EVIDENCE_NOT_UPLOADED_HERE.message,
        details: [{ field: 'evidenceIds', problems: unknown.map((e) => `佐证材料 ${e} 不在此处`) }],
      });
  }

  async campaign(id: string): Promise<Campaign> {
    const campaign = await this.queries.campaign(id);
    if (!campaign) throw notFound(id);
    return campaign;
  }

  async planVersion(id: string, version: number): Promise<CampaignPlanVersion> {
    const found = await this.queries.planVersion(id, version);
    if (!found) throw new Error(`campaign ${id} has no plan version ${version}`);
    return found;
  }

  /** Unit paths by code, for the per-object rules. */
  unitPaths(codes: string[]): Promise<Map<string, string>> {
    return this.queries.unitPaths(codes);
  }

  /** The campaign and its current plan, or 404 if it does not exist or names none of the caller's units. */
  async visible(caller: CurrentUser, id: string): Promise<VisibleCampaign> {
    const campaign = await this.campaign(id);
    const plan = await this.planVersion(id, campaign.planVersion);
    if (!readsAcrossUnits(caller)) {
      const paths = await this.unitPaths(pledgingUnits(plan.resolved));
      if (!maySeeCampaign(caller, [...paths.values()])) throw notFound(id);
    }
    return { campaign, plan };
  }

  /** Every campaign for the cross-unit roles; for a department, those naming its unit or one below it. */
  async list(caller: CurrentUser): Promise<CampaignView[]> {
    const campaigns = readsAcrossUnits(caller)
      ? await this.queries.allCampaigns()
      : await this.queries.campaignsNamingUnitsUnder(caller.unitPath);
    return campaigns.map(campaignView);
  }

  async detail(caller: CurrentUser, id: string): Promise<CampaignDetailView> {
    const { campaign, plan } = await this.visible(caller, id);
    const [pledges, tasks] = await Promise.all([this.queries.pledges(id), this.queries.tasks(id)]);
    const names = await this.queries.unitNames(pledges.map((p) => p.unit));
    const order = pledgingUnits(plan.resolved);
    const rank = (unit: string) => (order.includes(unit) ? order.indexOf(unit) : order.length);
    return {
      ...campaignView(campaign),
      document: { ...plan.document },
      plan: plan.resolved,
      pledges: pledges
        .sort((a, b) => rank(a.unit) - rank(b.unit) || a.unit.localeCompare(b.unit))
        .map((p): PledgeView => ({
          unit: p.unit,
          unitName: names.get(p.unit) ?? p.unit,
          signed: p.signedAt !== null,
          signedAt: p.signedAt?.toISOString() ?? null,
          signedBy: p.signOff?.signerName ?? null,
          escalationLevel: p.escalationLevel,
        })),
      tasks: tasks.map(taskSummary),
    };
  }
}
