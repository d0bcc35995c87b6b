import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { campaignWorkflowId } from '../../../../libs/contracts/src/campaign/campaign';
import { CampaignPlanQueries } from '../../../../libs/database/src/campaign/campaign-plan.queries';
import { CampaignQueries } from '../../../../libs/database/src/campaign/campaign.queries';
import type {
  CampaignPlanDocument,
  PlanContext,
  ResolvedPlan,
} from '../../../../libs/domain/src/campaign/campaign-plan';
import { planChange } from '../../../../libs/domain/src/campaign/plan-change';
import { resolvePlan } from '../../../../libs/domain/src/campaign/plan-resolution';
import { planProblems } from '../../../../libs/domain/src/campaign/plan-validation';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { CampaignErrors } from './campaign.errors';
import { versionSummary } from './campaign-views';
import { isValidPlan, planInvalid, withTask } from './plan-edits';
import { CampaignsService } from './campaigns.service';
import type { CampaignDetailView, PlanVersionSummaryView, PlanVersionView } from './dto/campaign-view.dto';
import { fieldInvalid } from '../common/validation-failed';

/**
 * Campaign plans (攻坚行动计划): documents validated (every problem at once, with its path),
 * resolved and stored as numbered versions; a new version of a running campaign is sent to its
 * workflow, which applies it or refuses it.
 */
@Injectable()
export class CampaignPlansService {
  constructor(
    private readonly queries: CampaignPlanQueries,
    private readonly reads: CampaignQueries,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly campaigns: CampaignsService,
  ) {}

  /** What validation needs of the world: units, ledgers, programmes and the working-day calendar. */
  async planContext(): Promise<PlanContext> {
    const [references, calendar] = await Promise.all([this.queries.references(), this.calendar.calendar()]);
    return {
      unitCodes: new Set(references.unitCodes),
      ledgerIds: new Set(references.ledgerIds),
      programmeIds: new Set(references.programmeIds),
      calendar,
    };
  }

  /** The document validated (every problem at once, 422) and resolved. */
  async checkedPlan(document: unknown): Promise<{ document: CampaignPlanDocument; resolved: ResolvedPlan }> {
    const context = await this.planContext();
    const problems = planProblems(document, context);
    if (!isValidPlan(document, problems)) throw planInvalid(problems);
    try {
      return { document, resolved: resolvePlan(document, context.calendar) };
    } catch (error) {
      if (error instanceof RangeError) throw planInvalid([{ path: '', problem: error.message }]);
      throw error;
    }
  }

  /** Stores a valid plan as a new draft campaign (version 1); nothing is written when it has a problem. */
  async create(caller: CurrentUser, body: unknown): Promise<CampaignDetailView> {
    const { document, resolved } = await this.checkedPlan(body);
    const id = randomUUID();
    const actor = auditActor(caller);
    await this.audit.inTransaction(async (manager) => {
      const queries = new CampaignPlanQueries(manager);
      await queries.insertCampaign({
        id,
        name: resolved.name,
        status: 'draft',
        planVersion: 1,
        windowStart: new Date(resolved.window.start),
        windowEnd: new Date(resolved.window.end),
        workflowId: campaignWorkflowId(id),
        version: 0,
        createdBy: actor.name,
      });
      await queries.insertVersion({
        campaignId: id,
        version: 1,
        document,
        resolved,
        reason: null,
        createdBy: actor.name,
      });
      await this.audit.record(manager, actor, {
        action: 'campaign.create',
        subject: `campaign:${id}`,
        after: {
          name: resolved.name,
          planVersion: 1,
          window: resolved.window,
          tasks: resolved.tasks.map((t) => t.key),
        },
      });
    });
    return this.campaigns.detail(caller, id);
  }

  /**
   * A new version of the plan. A draft simply takes it. A launched campaign takes it only if the
   * change can apply without losing progress (planChange), and then the campaign workflow applies
   * it (new tasks start, revised ones are told); the version is kept only if the workflow accepts it.
   */
  async revisePlan(
    caller: CurrentUser,
    id: string,
    body: unknown,
    reason: string | undefined,
  ): Promise<CampaignDetailView> {
    const campaign = await this.campaigns.campaign(id);
    if (campaign.status === 'closed')
      throw CampaignErrors.error('CAMPAIGN_CLOSED', '攻坚行动已结束，不能再修改计划');
    const { document, resolved } = await this.checkedPlan(body);
    const actor = auditActor(caller);

    if (campaign.status === 'draft') {
      await this.audit.inTransaction(async (manager) => {
        const queries = new CampaignPlanQueries(manager);
        const locked = await queries.lockCampaign(id);
        if (locked.status !== 'draft')
          throw CampaignErrors.error('ALREADY_LAUNCHED', '攻坚行动刚刚启动，请重新提交');
        const version = locked.planVersion + 1;
        await queries.insertVersion({
          campaignId: id,
          version,
          document,
          resolved,
          reason: reason ?? null,
          createdBy: actor.name,
        });
        await queries.setDraftPlan(id, version, resolved);
        await this.audit.record(manager, actor, {
          action: 'campaign.plan.revise',
          subject: `campaign:${id}`,
          before: { planVersion: locked.planVersion },
          after: { planVersion: version, name: resolved.name, window: resolved.window },
          reason: reason ?? null,
        });
      });
      return this.campaigns.detail(caller, id);
    }

    if (!reason)
      throw CampaignErrors.error('REASON_REQUIRED', undefined, [
        { field: 'reason', problems: ['攻坚行动已启动，须填写修改理由'] },
      ]);
    const current = await this.campaigns.planVersion(id, campaign.planVersion);
    const change = planChange(current.resolved, resolved);
    if (change.problems.length > 0) throw planInvalid(change.problems, 'PLAN_CHANGE_REFUSED');

    const version = await this.audit.inTransaction(async (manager) => {
      const queries = new CampaignPlanQueries(manager);
      const next = (await queries.lastVersion(id)) + 1;
      await queries.insertVersion({
        campaignId: id,
        version: next,
        document,
        resolved,
        reason,
        createdBy: actor.name,
      });
      await this.audit.record(manager, actor, {
        action: 'campaign.plan.submit',
        subject: `campaign:${id}`,
        before: { planVersion: campaign.planVersion },
        after: {
          planVersion: next,
          added: change.added.map((t) => t.key),
          revised: change.revised.map((t) => t.key),
        },
        reason,
      });
      return next;
    });
    try {
      await this.campaigns.send(caller, campaign, {
        type: 'apply-plan',
        planVersion: version,
        plan: resolved,
        reason,
      });
    } catch (error) {
      // Anything but a refusal (a timeout …) may still apply: the version stays.
      if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      // Refused by the workflow (a concurrent change won): the version was never in force.
      await this.audit.inTransaction(async (manager) => {
        await new CampaignPlanQueries(manager).deleteUnappliedVersion(id, version);
        await this.audit.record(manager, actor, {
          action: 'campaign.plan.refused',
          subject: `campaign:${id}`,
          after: { planVersion: version },
          reason: error instanceof Error ? error.message : String(error),
        });
      });
      throw error;
    }
    return this.campaigns.detail(caller, id);
  }

  /** One task more: a new plan version with the task appended (as a sub-task of `parentKey` if given). */
  async addTask(
    caller: CurrentUser,
    id: string,
    body: { task: Record<string, unknown>; parentKey?: string; reason?: string },
  ): Promise<CampaignDetailView> {
    const campaign = await this.campaigns.campaign(id);
    const current = await this.campaigns.planVersion(id, campaign.planVersion);
    const next = withTask(current.document, body.task, body.parentKey);
    if (!next.found)
      throw fieldInvalid('parentKey', `计划中没有任务 ${body.parentKey}`, `计划中没有任务 ${body.parentKey}`);
    const name = typeof body.task.name === 'string' ? body.task.name : '';
    const key = typeof body.task.key === 'string' ? body.task.key : '';
    return this.revisePlan(caller, id, next.document, body.reason ?? `增加任务 ${key} ${name}`.trim());
  }

  async planVersions(caller: CurrentUser, id: string): Promise<PlanVersionSummaryView[]> {
    const { campaign } = await this.campaigns.visible(caller, id);
    const versions = await this.reads.planVersions(id);
    return versions.map((v) => versionSummary(v, campaign.planVersion));
  }

  async planVersionView(caller: CurrentUser, id: string, version: number): Promise<PlanVersionView> {
    const { campaign } = await this.campaigns.visible(caller, id);
    const found = await this.reads.planVersion(id, version);
    if (!found) throw CampaignErrors.error('PLAN_VERSION_NOT_FOUND', `计划第 ${version} 版不存在`);
    return {
      ...versionSummary(found, campaign.planVersion),
      document: { ...found.document },
      resolved: found.resolved,
    };
  }
}
