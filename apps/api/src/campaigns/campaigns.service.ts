import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import {
  CampaignCommand,
  campaignCommandUpdate,
  campaignLaunchedUpdate,
  campaignWorkflowId,
  CampaignWorkflowInput,
} from '../../../../libs/contracts/src/campaign/campaign';
import { CampaignId, DeadlineAt, ProcessKind } from '../../../../libs/contracts/src/search-attributes';
import { CampaignBulletin } from '../../../../libs/database/src/campaign/campaign-bulletin.entity';
import { campaignProgressRows } from '../../../../libs/database/src/campaign/campaign-progress-rows';
import { CampaignPlanVersion } from '../../../../libs/database/src/campaign/campaign-plan-version.entity';
import { CampaignPledge } from '../../../../libs/database/src/campaign/campaign-pledge.entity';
import { CampaignTask } from '../../../../libs/database/src/campaign/campaign-task.entity';
import { Campaign } from '../../../../libs/database/src/campaign/campaign.entity';
import type {
  CampaignPlanDocument,
  PlanContext,
  PlanProblem,
  ResolvedPlan,
  TaskSpec,
} from '../../../../libs/domain/src/campaign/campaign-plan';
import { CAMPAIGN_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-process';
import { finalReport, taskProgress } from '../../../../libs/domain/src/campaign/campaign-progress';
import { pledgingUnits } from '../../../../libs/domain/src/campaign/campaign-rules';
import { TASK_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-task';
import { planChange } from '../../../../libs/domain/src/campaign/plan-change';
import { resolvePlan } from '../../../../libs/domain/src/campaign/plan-resolution';
import { planProblems } from '../../../../libs/domain/src/campaign/plan-validation';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { campaignWorkflow } from '../../../../workflows/campaign/campaign.workflow';
import { readsAcrossUnits } from '../access/access-policy';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { maySeeCampaign } from './campaign-access';
import type {
  BulletinSummaryView,
  BulletinView,
  CampaignDetailView,
  CampaignView,
  FinalReportView,
  PlanVersionSummaryView,
  PlanVersionView,
  PledgeView,
  TaskSummaryView,
} from './dto/campaign-view.dto';

const notFound = (id: string) =>
  new NotFoundException({ code: 'CAMPAIGN_NOT_FOUND', message: `攻坚行动 ${id} 不存在` });

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

function isDeadlineExceeded(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = (error as { code?: number }).code ?? (error as { cause?: { code?: number } }).cause?.code;
  return code === 4; // gRPC DEADLINE_EXCEEDED
}

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

export function campaignView(campaign: Campaign): CampaignView {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
    planVersion: campaign.planVersion,
    window: { start: campaign.windowStart.toISOString(), end: campaign.windowEnd.toISOString() },
    createdBy: campaign.createdBy,
    createdAt: campaign.createdAt.toISOString(),
    launchedAt: campaign.launchedAt?.toISOString() ?? null,
    launchedBy: campaign.launchedBy,
    pledgeDeadline: campaign.pledgeDeadline?.toISOString() ?? null,
    pausedSince: campaign.pausedSince?.toISOString() ?? null,
    closedAt: campaign.closedAt?.toISOString() ?? null,
  };
}

export function taskSummary(task: CampaignTask): TaskSummaryView {
  return {
    key: task.key,
    parentKey: task.parentKey,
    order: task.ord,
    name: task.name,
    lead: task.leadUnit,
    cooperating: task.cooperatingUnits,
    isGroup: task.isGroup,
    dependsOn: task.dependsOn,
    status: task.status,
    statusLabel: TASK_STATUS_LABELS[task.status] ?? task.status,
    deadline: task.deadline.toISOString(),
    originalDeadline: task.originalDeadline.toISOString(),
    target:
      task.targetQuantity === null ? null : { quantity: task.targetQuantity, unit: task.targetUnit ?? '' },
    quantityDone: task.quantityDone,
    percentDone: task.percentDone,
    escalationLevel: task.escalationLevel,
    behindPace: task.behindPace,
    submittedAt: task.submittedAt?.toISOString() ?? null,
    acceptedAt: task.acceptedAt?.toISOString() ?? null,
    closedAt: task.closedAt?.toISOString() ?? null,
    version: task.version,
  };
}

function versionSummary(version: CampaignPlanVersion, current: number): PlanVersionSummaryView {
  return {
    version: version.version,
    name: version.resolved.name,
    tasks: version.resolved.tasks.length,
    reason: version.reason,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    appliedAt: version.appliedAt?.toISOString() ?? null,
    current: version.version === current,
  };
}

/** A campaign the caller may see, with the plan version it runs (or will launch). */
export interface VisibleCampaign {
  campaign: Campaign;
  plan: CampaignPlanVersion;
}

/**
 * Campaigns (百日攻坚行动): plans validated and stored as versions, the launch of the campaign
 * workflow, and the command center's and the units' campaign-level steps sent to it as updates
 * (per-object check here, process legality in the workflow).
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
    private readonly env: Environment,
    private readonly calendar: CalendarService,
  ) {}

  // ---- plans ---------------------------------------------------------------------------------

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
    return this.detail(caller, id);
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
    const campaign = await this.campaign(id);
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
      return this.detail(caller, id);
    }

    if (!reason)
      throw new BadRequestException({
        code: 'REASON_REQUIRED',
        message: '攻坚行动已启动，修改计划须说明理由',
        details: [{ field: 'reason', problems: ['reason is required once the campaign runs'] }],
      });
    const current = await this.planVersion(id, campaign.planVersion);
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
      await this.send(caller, campaign, { type: 'apply-plan', planVersion: version, plan: resolved, reason });
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
    return this.detail(caller, id);
  }

  /** One task more: a new plan version with the task appended (as a sub-task of `parentKey` if given). */
  async addTask(
    caller: CurrentUser,
    id: string,
    body: { task: Record<string, unknown>; parentKey?: string; reason?: string },
  ): Promise<CampaignDetailView> {
    const campaign = await this.campaign(id);
    const current = await this.planVersion(id, campaign.planVersion);
    const next = withTask(current.document, body.task, body.parentKey);
    if (!next.found)
      throw new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: `计划中没有任务 ${body.parentKey}`,
        details: [{ field: 'parentKey', problems: [`no task ${body.parentKey} in the plan`] }],
      });
    const name = typeof body.task.name === 'string' ? body.task.name : '';
    const key = typeof body.task.key === 'string' ? body.task.key : '';
    return this.revisePlan(caller, id, next.document, body.reason ?? `增加任务 ${key} ${name}`.trim());
  }

  async planVersions(caller: CurrentUser, id: string): Promise<PlanVersionSummaryView[]> {
    const { campaign } = await this.visible(caller, id);
    const versions = await this.dataSource
      .getRepository(CampaignPlanVersion)
      .find({ where: { campaignId: id }, order: { version: 'ASC' } });
    return versions.map((v) => versionSummary(v, campaign.planVersion));
  }

  async planVersionView(caller: CurrentUser, id: string, version: number): Promise<PlanVersionView> {
    const { campaign } = await this.visible(caller, id);
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
    let handle;
    try {
      handle = await this.temporal.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId: campaign.workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [input],
        typedSearchAttributes: new TypedSearchAttributes([
          { key: ProcessKind, value: 'campaign' },
          { key: CampaignId, value: id },
          { key: DeadlineAt, value: campaign.windowEnd },
        ]),
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw new ConflictException({ code: 'ALREADY_LAUNCHED', message: '攻坚行动已启动' });
      throw error;
    }
    try {
      await this.temporal.connection.withDeadline(
        Date.now() + this.env.REGISTRATION_WAIT_SECONDS * 1000,
        () => handle.executeUpdate(campaignLaunchedUpdate),
      );
    } catch (error) {
      if (!isDeadlineExceeded(error)) throw error;
      throw new ServiceUnavailableException({
        code: 'LAUNCH_PENDING',
        message: '攻坚行动已启动，流程服务繁忙，任务清单稍后出现',
        details: { campaignId: id, workflowId: campaign.workflowId },
      });
    }
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

  private async send(caller: CurrentUser, campaign: Campaign, command: CampaignCommand): Promise<void> {
    await this.temporal.workflow
      .getHandle(campaign.workflowId)
      .executeUpdate(campaignCommandUpdate, { args: [{ command, actor: auditActor(caller) }] });
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
        details: [{ field: 'evidenceIds', problems: unknown.map((e) => `no evidence ${e} here`) }],
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
    return { campaignId: id, name: campaign.name, report };
  }

  async bulletins(caller: CurrentUser, id: string): Promise<BulletinSummaryView[]> {
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

  async bulletin(caller: CurrentUser, id: string, number: number): Promise<BulletinView> {
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
      payload: bulletin.payload,
    };
  }
}
