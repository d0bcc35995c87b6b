import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource, EntityManager } from 'typeorm';
import { campaignWorkflowId } from '../../../../libs/contracts/src/campaign/campaign';
import { CampaignPlanVersion } from '../../../../libs/database/src/campaign/campaign-plan-version.entity';
import { Campaign } from '../../../../libs/database/src/campaign/campaign.entity';
import type {
  CampaignPlanDocument,
  PlanContext,
  PlanProblem,
  ResolvedPlan,
  TaskSpec,
} from '../../../../libs/domain/src/campaign/campaign-plan';
import { planChange } from '../../../../libs/domain/src/campaign/plan-change';
import { resolvePlan } from '../../../../libs/domain/src/campaign/plan-resolution';
import { planProblems } from '../../../../libs/domain/src/campaign/plan-validation';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { versionSummary } from './campaign-views';
import { CampaignsService } from './campaigns.service';
import type { CampaignDetailView, PlanVersionSummaryView, PlanVersionView } from './dto/campaign-view.dto';
import { fieldInvalid } from '../common/validation-failed';

/** Every problem of a plan, each with its path in the document. */
export function planInvalid(problems: PlanProblem[], code = 'PLAN_INVALID'): UnprocessableEntityException {
  const shown = problems
    .slice(0, 3)
    .map((p) => `${p.path || '计划'}：${p.problem}`)
    .join('；');
  const what = code === 'PLAN_INVALID' ? '计划有误' : '新版本计划不能用于已启动的行动';
  return new UnprocessableEntityException({
    code,
    message: `${what}（${problems.length} 处）：${shown}${problems.length > 3 ? '……' : ''}`,
    details: problems,
  });
}

const isValidPlan = (_document: unknown, problems: PlanProblem[]): _document is CampaignPlanDocument =>
  problems.length === 0;

/** The document with one more task: at the end of the plan, or as the last sub-task of `parentKey`. */
export function withTask(
  document: CampaignPlanDocument,
  task: unknown,
  parentKey?: string,
): { document: unknown; found: boolean } {
  if (parentKey === undefined)
    return { document: { ...document, tasks: [...document.tasks, task] }, found: true };
  let found = false;
  const visit = (tasks: TaskSpec[]): unknown[] =>
    tasks.map((spec) => {
      if (spec.key === parentKey) {
        found = true;
        return { ...spec, subtasks: [...(spec.subtasks ?? []), task] };
      }
      return spec.subtasks ? { ...spec, subtasks: visit(spec.subtasks) } : spec;
    });
  return { document: { ...document, tasks: visit(document.tasks) }, found };
}

/**
 * Campaign plans (攻坚行动计划): documents validated (every problem at once, with its path),
 * resolved and stored as numbered versions; a new version of a running campaign is sent to its
 * workflow, which applies it or refuses it.
 */
@Injectable()
export class CampaignPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly campaigns: CampaignsService,
  ) {}

  /** What validation needs of the world: units, ledgers, programmes and the working-day calendar. */
  async planContext(): Promise<PlanContext> {
    const [units, ledgers, programmes, calendar] = await Promise.all([
      this.dataSource.query<Array<{ code: string }>>('SELECT code FROM unit'),
      this.dataSource.query<Array<{ id: string }>>('SELECT id FROM ledger'),
      this.dataSource.query<Array<{ id: string }>>('SELECT id FROM housing_programme'),
      this.calendar.calendar(),
    ]);
    return {
      unitCodes: new Set(units.map((u) => u.code)),
      ledgerIds: new Set(ledgers.map((l) => l.id)),
      programmeIds: new Set(programmes.map((p) => p.id)),
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
      await manager.getRepository(Campaign).insert({
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
      await this.insertVersion(manager, id, 1, document, resolved, null, actor.name);
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

  private async insertVersion(
    manager: EntityManager,
    campaignId: string,
    version: number,
    document: CampaignPlanDocument,
    resolved: ResolvedPlan,
    reason: string | null,
    createdBy: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO campaign_plan_version (campaign_id, version, document, resolved, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [campaignId, version, JSON.stringify(document), JSON.stringify(resolved), reason, createdBy],
    );
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
      throw new ConflictException({ code: 'CAMPAIGN_CLOSED', message: '攻坚行动已结束，不能再修改计划' });
    const { document, resolved } = await this.checkedPlan(body);
    const actor = auditActor(caller);

    if (campaign.status === 'draft') {
      await this.audit.inTransaction(async (manager) => {
        const [locked] = await manager.query<Array<{ status: string; plan_version: number }>>(
          'SELECT status, plan_version FROM campaign WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (locked.status !== 'draft')
          throw new ConflictException({ code: 'ALREADY_LAUNCHED', message: '攻坚行动刚刚启动，请重新提交' });
        const version = locked.plan_version + 1;
        await this.insertVersion(manager, id, version, document, resolved, reason ?? null, actor.name);
        await manager.query(
          `UPDATE campaign SET plan_version = $2, name = $3, window_start = $4, window_end = $5, updated_at = now()
            WHERE id = $1`,
          [id, version, resolved.name, resolved.window.start, resolved.window.end],
        );
        await this.audit.record(manager, actor, {
          action: 'campaign.plan.revise',
          subject: `campaign:${id}`,
          before: { planVersion: locked.plan_version },
          after: { planVersion: version, name: resolved.name, window: resolved.window },
          reason: reason ?? null,
        });
      });
      return this.campaigns.detail(caller, id);
    }

    if (!reason)
      throw new BadRequestException({
        code: 'REASON_REQUIRED',
        message: '攻坚行动已启动，修改计划须说明理由',
        details: [{ field: 'reason', problems: ['攻坚行动已启动，须填写修改理由'] }],
      });
    const current = await this.campaigns.planVersion(id, campaign.planVersion);
    const change = planChange(current.resolved, resolved);
    if (change.problems.length > 0) throw planInvalid(change.problems, 'PLAN_CHANGE_REFUSED');

    const version = await this.audit.inTransaction(async (manager) => {
      const [last] = await manager.query<Array<{ version: number }>>(
        'SELECT max(version)::int AS version FROM campaign_plan_version WHERE campaign_id = $1',
        [id],
      );
      const next = last.version + 1;
      await this.insertVersion(manager, id, next, document, resolved, reason, actor.name);
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
        await manager.query(
          'DELETE FROM campaign_plan_version WHERE campaign_id = $1 AND version = $2 AND applied_at IS NULL',
          [id, version],
        );
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
    const versions = await this.dataSource
      .getRepository(CampaignPlanVersion)
      .find({ where: { campaignId: id }, order: { version: 'ASC' } });
    return versions.map((v) => versionSummary(v, campaign.planVersion));
  }

  async planVersionView(caller: CurrentUser, id: string, version: number): Promise<PlanVersionView> {
    const { campaign } = await this.campaigns.visible(caller, id);
    const found = await this.dataSource
      .getRepository(CampaignPlanVersion)
      .findOneBy({ campaignId: id, version });
    if (!found)
      throw new NotFoundException({ code: 'PLAN_VERSION_NOT_FOUND', message: `计划第 ${version} 版不存在` });
    return {
      ...versionSummary(found, campaign.planVersion),
      document: { ...found.document },
      resolved: found.resolved,
    };
  }
}
