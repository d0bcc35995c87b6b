import { Injectable } from '@nestjs/common';
import {
  CampaignProgressQueries,
  type CampaignWithPlan,
  type CampaignWithPlanStamp,
  type PledgeRow,
} from '../../../../libs/database/src/campaign/campaign-progress.queries';
import type { ResolvedPlan } from '../../../../libs/domain/src/campaign/campaign-plan';
import { pledgingUnits } from '../../../../libs/domain/src/campaign/campaign-rules';
import { CAMPAIGN_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-process';
import {
  goalProgress,
  overallPercentage,
  taskProgress,
  type TaskProgressInput,
  type TaskProgressView,
  unitRanking,
} from '../../../../libs/domain/src/campaign/campaign-progress';
import { TASK_STATUS_LABELS } from '../../../../libs/domain/src/campaign/campaign-task';
import type { EscalationStep } from '../../../../libs/domain/src/escalation/ladder';
import { daysLeft } from '../../../../libs/domain/src/time/deadline-display';
import type { CurrentUser } from '../access/current-user';
import { deadlineDateOf } from '../common/deadline-date';
import { maySeeCampaign } from './campaign-access';
import { CampaignErrors } from './campaign.errors';
import { windowView } from './campaign-views';
import type {
  CampaignProgressView,
  PledgeProgressView,
  TaskProgressItemView,
  UnitRef,
} from './dto/progress-view.dto';

export type { PledgeRow };

/** A campaign the caller may see, with its current plan and the units that plan names. */
export interface VisibleCampaign extends CampaignWithPlan {
  /** Code → name and path of every unit the plan names. */
  units: Map<string, { name: string; path: string }>;
}

/** The label of a ladder level ("黄牌预警"), or null at level 0. */
export function escalationLabel(ladder: readonly EscalationStep[], level: number): string | null {
  if (level <= 0) return null;
  return ladder.find((step) => step.level === level)?.label ?? `第${level}级督办`;
}

const campaignNotFound = (id: string) => CampaignErrors.error('CAMPAIGN_NOT_FOUND', `攻坚行动 ${id} 不存在`);

/** The plan's tasks as a campaign not launched yet stands: nothing done, nothing escalated. */
function plannedRows(plan: ResolvedPlan): TaskProgressInput[] {
  return plan.tasks.map((t) => ({
    key: t.key,
    parentKey: t.parentKey,
    order: t.order,
    name: t.name,
    lead: t.lead,
    cooperating: t.cooperating,
    isGroup: t.isGroup,
    status: 'in-progress',
    deadline: t.deadline,
    originalDeadline: t.deadline,
    targetQuantity: t.target?.quantity ?? null,
    targetUnit: t.target?.unit ?? null,
    quantityDone: null,
    percentDone: null,
    linked: null,
    escalationLevel: 0,
    behindPace: false,
    submittedAt: null,
    acceptedAt: null,
    closedAt: null,
  }));
}

/** A plan as parsed once for its version row (`stamp`), with the units it names. */
interface CachedPlan {
  stamp: string;
  plan: ResolvedPlan;
  unitCodes: string[];
}

/** Campaigns whose parsed plans one API process keeps (the least recently read ones go first). */
const PLANS_KEPT = 500;

/**
 * The battle map (挂图作战) of a campaign, from the Postgres read model only: the campaign and its
 * current plan with the units it names and its pledges (one query; a plan version is written once,
 * so each process parses it once and afterwards the query leaves it out), and at the same time its
 * tasks with linked ledger and programme counts (campaignProgressRows: one), rolled up by
 * the pure rules of libs/domain/src/campaign/campaign-progress.ts — the same rows and rules as the
 * weekly bulletin and the final report, so they never disagree.
 */
@Injectable()
export class ProgressService {
  private readonly plans = new Map<string, CachedPlan>();

  constructor(private readonly queries: CampaignProgressQueries) {}

  /** The campaign if the caller may see it: 404 when there is none, or for a department it does not name. */
  async visibleCampaign(caller: CurrentUser, id: string): Promise<VisibleCampaign> {
    const campaign = await this.campaignWithPlan(id);
    if (!campaign) throw campaignNotFound(id);
    const units = await this.queries.units(campaign.unitCodes);
    return this.seenBy(caller, campaign, units);
  }

  /** Every task's view as of `now` (the plan's tasks, untouched, while the campaign is a draft) and the pledges. */
  async standing(
    campaign: VisibleCampaign,
    now: Date,
  ): Promise<{ views: TaskProgressView[]; pledges: PledgeRow[] }> {
    const [rows, pledges] = await Promise.all([
      this.queries.progressRows(campaign.id),
      this.queries.pledges(campaign.id),
    ]);
    return { views: this.views(campaign, rows, now), pledges };
  }

  /** The campaign and its current plan, the plan parsed once per version in this process. */
  private async campaignWithPlan(id: string): Promise<(CampaignWithPlan & { unitCodes: string[] }) | null> {
    const held = this.plans.get(id);
    const row = await this.queries.campaignWithPlanUnless(id, held?.stamp ?? null);
    return row && this.withKeptPlan(row, held);
  }

  /**
   * The row with its plan: the one it carries (kept for its stamp from now on), else `held`, the
   * plan whose stamp the query was given (not whatever another request has kept since).
   */
  private withKeptPlan<Row extends CampaignWithPlanStamp>(
    row: Row,
    held: CachedPlan | undefined,
  ): Omit<Row, 'plan'> & { plan: ResolvedPlan; unitCodes: string[] } {
    const entry =
      row.plan === null && held
        ? held
        : { stamp: row.planStamp, plan: row.plan!, unitCodes: pledgingUnits(row.plan!) };
    this.plans.delete(row.id);
    this.plans.set(row.id, entry);
    if (this.plans.size > PLANS_KEPT) this.plans.delete(this.plans.keys().next().value!);
    return { ...row, plan: entry.plan, unitCodes: entry.unitCodes };
  }

  /** The campaign with the units its plan names, if the caller may see it (else 404, as for none). */
  private seenBy(
    caller: CurrentUser,
    campaign: CampaignWithPlan,
    units: Array<{ code: string; name: string; path: string }>,
  ): VisibleCampaign {
    // A department the campaign does not name is told it does not exist, as GET /api/campaigns/:id does.
    if (
      !maySeeCampaign(
        caller,
        units.map((u) => u.path),
      )
    )
      throw campaignNotFound(campaign.id);
    return { ...campaign, units: new Map(units.map((u) => [u.code, { name: u.name, path: u.path }])) };
  }

  private views(campaign: CampaignWithPlan, rows: TaskProgressInput[], now: Date): TaskProgressView[] {
    const inputs = rows.length > 0 || campaign.status !== 'draft' ? rows : plannedRows(campaign.plan);
    return taskProgress(inputs, now);
  }

  async progress(caller: CurrentUser, id: string): Promise<CampaignProgressView> {
    const now = new Date();
    // One round trip of two statements: the units are those of the plan this process holds, read
    // again only when the plan turns out to be another (or was not held).
    const held = this.plans.get(id);
    const [head, rows] = await Promise.all([
      this.queries.campaignWithUnitsAndPledges(id, held?.stamp ?? null, held?.unitCodes ?? []),
      this.queries.progressRows(id, now),
    ]);
    if (!head) throw campaignNotFound(id);
    const found = this.withKeptPlan(head, held);
    const units = head.plan === null ? head.units : await this.queries.units(found.unitCodes);
    const pledges = head.pledges;
    const campaign = this.seenBy(caller, found, units);
    const views = this.views(campaign, rows, now);
    const unit = (code: string): UnitRef => ({ code, name: campaign.units.get(code)?.name ?? code });
    const measures = new Map(campaign.plan.tasks.map((t) => [t.key, t.measure]));
    const measureOf = (view: TaskProgressView): string => {
      const measure = measures.get(view.key) ?? view.linked?.kind ?? 'reported';
      return typeof measure === 'string' ? measure : 'ledger' in measure ? 'ledger' : 'programme';
    };
    const tasks: TaskProgressItemView[] = views.map((v) => ({
      key: v.key,
      parentKey: v.parentKey,
      name: v.name,
      isGroup: v.isGroup,
      status: v.status,
      statusLabel: TASK_STATUS_LABELS[v.status],
      percentage: v.percentage,
      quantityDone: v.quantity,
      quantity: v.quantity,
      target: v.targetQuantity !== null ? { quantity: v.targetQuantity, unit: v.targetUnit ?? '' } : null,
      measure: measureOf(v),
      linked: v.linked,
      deadline: v.deadline,
      deadlineDate: deadlineDateOf(v.deadline),
      originalDeadline: v.originalDeadline,
      originalDeadlineDate: deadlineDateOf(v.originalDeadline),
      daysLeft: v.daysLeft,
      daysOverdue: v.daysOverdue,
      overdue: v.overdue,
      escalationLevel: v.escalationLevel,
      escalationLabel: escalationLabel(campaign.plan.ladder, v.escalationLevel),
      behindPace: v.behindPace,
      lead: unit(v.lead),
      cooperating: v.cooperating.map(unit),
      submittedAt: v.submittedAt,
      acceptedAt: v.acceptedAt,
    }));
    const pledgeOrder = pledgeUnitsInPlanOrder(campaign.plan);
    const pledgeViews: PledgeProgressView[] = [...pledges]
      .sort((a, b) => rank(pledgeOrder, a.unit) - rank(pledgeOrder, b.unit) || a.unit.localeCompare(b.unit))
      .map((p) => ({
        unit: unit(p.unit),
        signed: p.signedAt !== null,
        signedAt: p.signedAt?.toISOString() ?? null,
        signedBy: p.signedBy,
        escalationLevel: p.escalationLevel,
      }));
    const leaves = views.filter((v) => !v.isGroup);
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        status: campaign.status,
        statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
        window: windowView(campaign.windowStart, campaign.windowEnd),
        planVersion: campaign.planVersion,
        // whole CST days left in the window (0 on its last day); null once it has ended
        daysLeft: campaign.status === 'closed' ? null : daysLeft(campaign.windowEnd, now),
        launchedAt: campaign.launchedAt?.toISOString() ?? null,
        closedAt: campaign.closedAt?.toISOString() ?? null,
        asOf: now.toISOString(),
        percentage: overallPercentage(views),
      },
      goals: campaign.plan.goals.map((goal) => goalProgress(goal, views)),
      tasks,
      pledges: pledgeViews,
      counts: {
        tasks: leaves.length,
        accepted: leaves.filter((v) => v.status === 'accepted').length,
        overdue: leaves.filter((v) => v.overdue).length,
        escalated: leaves.filter((v) => v.escalationLevel > 0).length,
        behindPace: leaves.filter((v) => v.behindPace).length,
        pledgesSigned: pledges.filter((p) => p.signedAt !== null).length,
        pledges: pledges.length,
        pledgesOverdue: pledges.filter(
          (p) =>
            p.signedAt === null &&
            campaign.pledgeDeadline !== null &&
            now.getTime() > campaign.pledgeDeadline.getTime(),
        ).length,
      },
      ranking: unitRanking(views).map((standing) => ({ ...standing, unit: unit(standing.unit) })),
    };
  }
}

/** Units in the order the plan first names them (lead before cooperating), for stable lists. */
export function pledgeUnitsInPlanOrder(plan: ResolvedPlan): Map<string, number> {
  const order = new Map<string, number>();
  for (const task of plan.tasks)
    for (const code of [task.lead, ...task.cooperating]) if (!order.has(code)) order.set(code, order.size);
  return order;
}

const rank = (order: Map<string, number>, code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
