import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource, In } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import {
  CampaignCommand,
  campaignCommandUpdate,
  campaignLaunchedUpdate,
  CampaignWorkflowInput,
} from '../../../../libs/contracts/src/campaign/campaign';
import { CampaignId, DeadlineAt, ProcessKind } from '../../../../libs/contracts/src/search-attributes';
import { CampaignBulletin } from '../../../../libs/database/src/campaign/campaign-bulletin.entity';
import { campaignProgressRows } from '../../../../libs/database/src/campaign/campaign-progress-rows';
import { CampaignPlanVersion } from '../../../../libs/database/src/campaign/campaign-plan-version.entity';
import { CampaignPledge } from '../../../../libs/database/src/campaign/campaign-pledge.entity';
import { CampaignTask } from '../../../../libs/database/src/campaign/campaign-task.entity';
import { Campaign } from '../../../../libs/database/src/campaign/campaign.entity';
import { finalReport, taskProgress } from '../../../../libs/domain/src/campaign/campaign-progress';
import { pledgingUnits } from '../../../../libs/domain/src/campaign/campaign-rules';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { campaignWorkflow } from '../../../../workflows/campaign/campaign.workflow';
import { readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { executeCommandUpdate } from '../common/workflow-wait';
import { commandUpdateId } from '../common/idempotency/idempotency-context';
import { startWithUpdate, StartWithUpdateOutcome } from '../common/start-with-update';
import { maySeeCampaign } from './campaign-access';
import { campaignView, taskSummary, withDeadlineDates } from './campaign-views';
import type {
  CampaignBulletinSummaryView,
  CampaignBulletinView,
  CampaignDetailView,
  CampaignView,
  FinalReportView,
  PledgeView,
} from './dto/campaign-view.dto';

const notFound = (id: string) =>
  new NotFoundException({ code: 'CAMPAIGN_NOT_FOUND', message: `攻坚行动 ${id} 不存在` });

/** A campaign the caller may see, with the plan version it runs (or will launch). */
export interface VisibleCampaign {
  campaign: Campaign;
  plan: CampaignPlanVersion;
}

/**
 * Campaigns (百日攻坚行动): the launch of the campaign workflow, the command center's and the
 * units' campaign-level steps sent to it as updates (per-object check here, process legality in
 * the workflow), and the reads (list, detail, final report, bulletins). Plans and their versions
 * are CampaignPlansService's.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: Environment,
  ) {}

  // ---- launch and campaign-level steps -------------------------------------------------------

  /**
   * Starts the campaign workflow with the current plan and answers once the launch is in the read
   * model (tasks listed, pledges open). Bounded: with the workers down the launch still happens
   * once they are back (503 LAUNCH_PENDING).
   */
  async launch(caller: CurrentUser, id: string): Promise<CampaignDetailView> {
    const campaign = await this.campaign(id);
    if (campaign.status !== 'draft')
      throw new ConflictException({ code: 'ALREADY_LAUNCHED', message: '攻坚行动已启动' });
    if (campaign.windowEnd.getTime() <= Date.now())
      throw new ConflictException({ code: 'WINDOW_ENDED', message: '攻坚行动的时间窗口已结束，不能启动' });
    const plan = await this.planVersion(id, campaign.planVersion);
    const input: CampaignWorkflowInput = {
      campaignId: id,
      planVersion: plan.version,
      plan: plan.resolved,
      launchedBy: auditActor(caller),
    };
    let outcome: StartWithUpdateOutcome<unknown>;
    try {
      outcome = await startWithUpdate<typeof campaignWorkflow, unknown>(
        this.temporal,
        campaignLaunchedUpdate,
        {
          workflowType: 'campaignWorkflow',
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          workflowId: campaign.workflowId,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [input],
          typedSearchAttributes: new TypedSearchAttributes([
            { key: ProcessKind, value: 'campaign' },
            { key: CampaignId, value: id },
            { key: DeadlineAt, value: campaign.windowEnd },
          ]),
          updateId: commandUpdateId(campaign.workflowId),
          waitSeconds: this.env.REGISTRATION_WAIT_SECONDS,
        },
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw new ConflictException({ code: 'ALREADY_LAUNCHED', message: '攻坚行动已启动' });
      throw error;
    }
    if (!outcome.done)
      throw new ServiceUnavailableException({
        code: 'LAUNCH_PENDING',
        message: '攻坚行动已启动，流程服务繁忙，任务清单稍后出现',
        details: { campaignId: id, workflowId: campaign.workflowId },
      });
    return this.detail(caller, id);
  }

  /** A department signs its unit's responsibility pledge (签订责任状). */
  async pledge(
    caller: CurrentUser,
    id: string,
    body: { note: string; evidenceIds?: string[] },
  ): Promise<CampaignDetailView> {
    const { campaign, plan } = await this.visible(caller, id);
    if (!pledgingUnits(plan.resolved).includes(caller.unitCode))
      throw new ForbiddenException({
        code: 'NOT_PLEDGING_UNIT',
        message: '本单位不是该攻坚行动的责任单位，无需签订责任状',
      });
    this.assertLaunched(campaign);
    await this.assertEvidence(id, null, body.evidenceIds ?? []);
    await this.send(caller, campaign, {
      type: 'pledge',
      unit: caller.unitCode,
      note: body.note,
      evidenceIds: body.evidenceIds ?? [],
    });
    return this.detail(caller, id);
  }

  /** Pause, resume or close: the command center's steps on the whole campaign. */
  async step(
    caller: CurrentUser,
    id: string,
    command: Extract<CampaignCommand, { type: 'pause' | 'resume' | 'close' }>,
  ): Promise<CampaignDetailView> {
    const campaign = await this.campaign(id);
    this.assertLaunched(campaign);
    if (campaign.status === 'closed')
      throw new ConflictException({ code: 'CAMPAIGN_CLOSED', message: '攻坚行动已结束' });
    await this.send(caller, campaign, command);
    return this.detail(caller, id);
  }

  private assertLaunched(campaign: Campaign): void {
    if (campaign.status === 'draft')
      throw new ConflictException({ code: 'NOT_LAUNCHED', message: '攻坚行动尚未启动' });
  }

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
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM campaign_evidence WHERE campaign_id = $1 AND id = ANY($2::uuid[])
         AND ($3::text IS NULL OR task_key = $3)`,
      [campaignId, evidenceIds, taskKey],
    );
    const known = new Set(rows.map((r) => r.id));
    const unknown = evidenceIds.filter((e) => !known.has(e));
    if (unknown.length > 0)
      throw new BadRequestException({
        code: 'EVIDENCE_NOT_FOUND',
        message: taskKey ? '佐证材料须先上传到本任务' : '佐证材料须先上传到本攻坚行动',
        details: [{ field: 'evidenceIds', problems: unknown.map((e) => `佐证材料 ${e} 不在此处`) }],
      });
  }

  // ---- reads -----------------------------------------------------------------------------------

  async campaign(id: string): Promise<Campaign> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id });
    if (!campaign) throw notFound(id);
    return campaign;
  }

  async planVersion(id: string, version: number): Promise<CampaignPlanVersion> {
    const found = await this.dataSource
      .getRepository(CampaignPlanVersion)
      .findOneBy({ campaignId: id, version });
    if (!found) throw new Error(`campaign ${id} has no plan version ${version}`);
    return found;
  }

  /** Unit paths by code, for the per-object rules. */
  async unitPaths(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ code: string; path: string }>>(
      'SELECT code, path FROM unit WHERE code = ANY($1)',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.path]));
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
    const repository = this.dataSource.getRepository(Campaign);
    if (readsAcrossUnits(caller))
      return (await repository.find({ order: { createdAt: 'DESC' } })).map(campaignView);
    const ids = await this.dataSource.query<Array<{ id: string }>>(
      `WITH mine AS (SELECT array_agg(code) AS codes FROM unit WHERE starts_with(path, $1))
       SELECT c.id FROM campaign c
         JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
        WHERE EXISTS (
          SELECT 1 FROM jsonb_array_elements(v.resolved -> 'tasks') t, mine
           WHERE t ->> 'lead' = ANY(mine.codes)
              OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(t -> 'cooperating') u WHERE u = ANY(mine.codes)))`,
      [caller.unitPath],
    );
    if (ids.length === 0) return [];
    return (
      await repository.find({ where: { id: In(ids.map((r) => r.id)) }, order: { createdAt: 'DESC' } })
    ).map(campaignView);
  }

  async detail(caller: CurrentUser, id: string): Promise<CampaignDetailView> {
    const { campaign, plan } = await this.visible(caller, id);
    const [pledges, tasks] = await Promise.all([
      this.dataSource.getRepository(CampaignPledge).find({ where: { campaignId: id } }),
      this.dataSource.getRepository(CampaignTask).find({ where: { campaignId: id }, order: { ord: 'ASC' } }),
    ]);
    const names = new Map(
      (
        await this.dataSource.query<Array<{ code: string; name: string }>>(
          'SELECT code, name FROM unit WHERE code = ANY($1)',
          [pledges.map((p) => p.unit)],
        )
      ).map((u) => [u.code, u.name]),
    );
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

  /** The final report (goals against targets; tasks on time, late, unfinished; by unit), once closed. */
  async finalReport(caller: CurrentUser, id: string): Promise<FinalReportView> {
    const { campaign, plan } = await this.visible(caller, id);
    if (campaign.status !== 'closed' || !campaign.closedAt)
      throw new ConflictException({ code: 'NOT_CLOSED', message: '攻坚行动尚未结束，没有总结报告' });
    const report =
      campaign.finalReport ??
      finalReport(
        plan.resolved.goals,
        taskProgress(await campaignProgressRows(this.dataSource.manager, id), campaign.closedAt),
        campaign.closedAt.toISOString(),
      );
    return {
      campaignId: id,
      name: campaign.name,
      report: { ...report, tasks: withDeadlineDates(report.tasks) },
    };
  }

  async bulletins(caller: CurrentUser, id: string): Promise<CampaignBulletinSummaryView[]> {
    await this.visible(caller, id);
    const bulletins = await this.dataSource
      .getRepository(CampaignBulletin)
      .find({ where: { campaignId: id }, order: { number: 'ASC' } });
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
    await this.visible(caller, id);
    const bulletin = await this.dataSource
      .getRepository(CampaignBulletin)
      .findOneBy({ campaignId: id, number });
    if (!bulletin)
      throw new NotFoundException({ code: 'BULLETIN_NOT_FOUND', message: `第 ${number} 期通报不存在` });
    return {
      campaignId: id,
      number: bulletin.number,
      asOf: bulletin.asOf.toISOString(),
      createdAt: bulletin.createdAt.toISOString(),
      payload: { ...bulletin.payload, overdue: withDeadlineDates(bulletin.payload.overdue) },
    };
  }
}
