import type { DocumentStamp } from '../documents/official-document';
import { sharedRanks } from '../ranking/shared-ranks';
import { daysLeft as daysLeftOf, daysOverdue as daysOverdueOf, deadlineDate } from '../time/deadline-display';
import type { ResolvedGoal } from './campaign-plan';
import type { TaskStatus } from './campaign-task';

/** One task as the read model holds it: the input of every rollup (battle map, bulletins, final report). */
export interface TaskProgressInput {
  key: string;
  parentKey: string | null;
  order: number;
  name: string;
  lead: string;
  cooperating: string[];
  isGroup: boolean;
  status: TaskStatus;
  deadline: string;
  originalDeadline: string;
  /**
   * How far pauses moved the deadline (ms; `deadline` already includes it): an original deadline is
   * compared after the same shift, as a ledger's on-time figures count paused time. 0 when absent.
   */
  pausedMs?: number;
  targetQuantity: number | null;
  targetUnit: string | null;
  quantityDone: number | null;
  percentDone: number | null;
  /** Linked progress counted from the ledger (items closed / items) or programme (households moved in / households). */
  linked: { kind: 'ledger' | 'programme'; done: number; total: number } | null;
  escalationLevel: number;
  behindPace: boolean;
  submittedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
}

export interface TaskProgressView extends TaskProgressInput {
  /** 0..100, one decimal: accepted → 100; quantity / target; linked done / (target or total); reported percent; a group: mean of its sub-tasks. */
  percentage: number;
  /** The quantity counted toward the target (reported or linked), or null. */
  quantity: number | null;
  /** Whole CST days until the deadline (0 on the day), null once accepted or overdue. */
  daysLeft: number | null;
  /** Whole days past the deadline while not accepted (or accepted late: how late), else null. */
  daysOverdue: number | null;
  overdue: boolean;
}

/** Every task's view, groups rolled up from their sub-tasks (status accepted when all are; worst escalation; earliest deadline kept from the plan). */
export function taskProgress(rows: TaskProgressInput[], now: Date): TaskProgressView[] {
  const children = new Map<string, TaskProgressInput[]>();
  for (const row of rows) {
    if (row.parentKey === null) continue;
    children.set(row.parentKey, [...(children.get(row.parentKey) ?? []), row]);
  }
  const views = new Map<string, TaskProgressView>();
  const view = (row: TaskProgressInput): TaskProgressView => {
    const done = views.get(row.key);
    if (done) return done;
    const subs = row.isGroup ? (children.get(row.key) ?? []) : [];
    const result = subs.length > 0 ? groupView(row, subs.map(view), now) : leafView(row, now);
    views.set(row.key, result);
    return result;
  };
  return rows.map(view);
}

/**
 * A task's completion in percent (0..100, one decimal) from what it counts: accepted → 100; linked →
 * done / (target, or the ledger's or programme's total); a quantity target → quantity done / target;
 * else the reported percentage. (A pace check counts the same way but unrounded: `measuredPercent`.)
 */
export function taskPercentage(
  row: Pick<TaskProgressInput, 'status' | 'targetQuantity' | 'quantityDone' | 'percentDone' | 'linked'>,
): number {
  if (row.status === 'accepted') return 100;
  if (row.linked) {
    const of = row.targetQuantity ?? row.linked.total;
    return percent(of > 0 ? (row.linked.done / of) * 100 : 0);
  }
  if (row.targetQuantity !== null)
    return percent(row.targetQuantity > 0 ? ((row.quantityDone ?? 0) / row.targetQuantity) * 100 : 0);
  return percent(row.percentDone ?? 0);
}

/**
 * Days left and overdue follow the one convention of ../time/deadline-display (`daysLeft`,
 * `daysOverdue`): a deadline "2018-06-30" has 30 June as its last day, 0 days left on it, 1 day
 * overdue from the first second of 1 July. A task is measured as of `now`, or as of its closing if the campaign
 * closed earlier: the clock stops at close.
 */
function timing(row: TaskProgressInput, status: TaskStatus, acceptedAt: string | null, now: Date): Timing {
  const deadline = new Date(row.deadline);
  const asOf = row.closedAt && Date.parse(row.closedAt) < now.getTime() ? new Date(row.closedAt) : now;
  if (status === 'accepted') {
    const late = acceptedAt !== null && Date.parse(acceptedAt) > deadline.getTime();
    return {
      daysLeft: null,
      daysOverdue: late ? daysOverdueOf(deadline, new Date(acceptedAt)) : null,
      overdue: false,
    };
  }
  if (asOf.getTime() > deadline.getTime())
    return { daysLeft: null, daysOverdue: daysOverdueOf(deadline, asOf), overdue: true };
  return { daysLeft: daysLeftOf(deadline, asOf), daysOverdue: null, overdue: false };
}

function leafView(row: TaskProgressInput, now: Date): TaskProgressView {
  return viewOf(
    row,
    {
      status: row.status,
      submittedAt: row.submittedAt,
      acceptedAt: row.acceptedAt,
      escalationLevel: row.escalationLevel,
      behindPace: row.behindPace,
      percentage: taskPercentage(row),
      quantity: row.linked ? row.linked.done : row.targetQuantity !== null ? row.quantityDone : null,
    },
    timing(row, row.status, row.acceptedAt, now),
  );
}

/**
 * A group rolled up from its sub-tasks: accepted when all are (accepted when the last one was),
 * submitted when all are submitted or accepted, else in progress; percentage the mean of theirs;
 * the worst escalation; behind pace when any is; quantity the sum of their counted quantities (null
 * when none counts one). The deadline is the group's own, from the plan.
 */
function groupView(row: TaskProgressInput, subs: TaskProgressView[], now: Date): TaskProgressView {
  const all = (ok: (s: TaskProgressView) => boolean) => subs.every(ok);
  const status: TaskStatus = all((s) => s.status === 'accepted')
    ? 'accepted'
    : all((s) => s.status === 'submitted' || s.status === 'accepted')
      ? 'submitted'
      : 'in-progress';
  const latest = (values: Array<string | null>) =>
    values.reduce<string | null>(
      (max, v) => (v !== null && (max === null || Date.parse(v) > Date.parse(max)) ? v : max),
      null,
    );
  const acceptedAt = status === 'accepted' ? latest(subs.map((s) => s.acceptedAt)) : null;
  const quantities = subs.map((s) => s.quantity).filter((q): q is number => q !== null);
  return viewOf(
    row,
    {
      status,
      submittedAt: status !== 'in-progress' ? latest(subs.map((s) => s.submittedAt ?? s.acceptedAt)) : null,
      acceptedAt,
      escalationLevel: Math.max(row.escalationLevel, ...subs.map((s) => s.escalationLevel)),
      behindPace: row.behindPace || subs.some((s) => s.behindPace),
      percentage: percent(mean(subs.map((s) => s.percentage))),
      quantity: quantities.length > 0 ? quantities.reduce((a, b) => a + b, 0) : null,
    },
    timing(row, status, acceptedAt, now),
  );
}

type Timing = Pick<TaskProgressView, 'daysLeft' | 'daysOverdue' | 'overdue'>;
/** What a view computes: the fields a group rolls up, percentage and quantity (timing apart). */
type ViewOwnFields = Omit<
  TaskProgressView,
  | Exclude<
      keyof TaskProgressInput,
      'status' | 'submittedAt' | 'acceptedAt' | 'escalationLevel' | 'behindPace'
    >
  | keyof Timing
>;

/**
 * A task's view: the row's fields as they are, with what the view computes. One object literal, not
 * `{ ...row, percentage, … }`: V8 copies a spread object fast but adds each new key after the copy
 * slowly (about 1 µs a key and object, 9 µs a task here), and every progress request, bulletin and
 * report builds a view per task. `row` may itself be a view (a bulletin recomputes views as of its
 * time): only its input fields are read.
 */
function viewOf(row: TaskProgressInput, own: ViewOwnFields, time: Timing): TaskProgressView {
  return {
    key: row.key,
    parentKey: row.parentKey,
    order: row.order,
    name: row.name,
    lead: row.lead,
    cooperating: row.cooperating,
    isGroup: row.isGroup,
    deadline: row.deadline,
    originalDeadline: row.originalDeadline,
    ...(row.pausedMs === undefined ? {} : { pausedMs: row.pausedMs }),
    targetQuantity: row.targetQuantity,
    targetUnit: row.targetUnit,
    quantityDone: row.quantityDone,
    percentDone: row.percentDone,
    linked: row.linked,
    closedAt: row.closedAt,
    status: own.status,
    submittedAt: own.submittedAt,
    acceptedAt: own.acceptedAt,
    escalationLevel: own.escalationLevel,
    behindPace: own.behindPace,
    percentage: own.percentage,
    quantity: own.quantity,
    daysLeft: time.daysLeft,
    daysOverdue: time.daysOverdue,
    overdue: time.overdue,
  };
}

export interface GoalProgress {
  key: string;
  name: string;
  target: number;
  unit: string;
  actual: number;
  /** actual / target × 100, one decimal, at most 100 (`actual` shows any overshoot). */
  percentage: number;
}

/** A goal's actual value from its tasks: `sum` adds their quantities; `mean-percent` is the tasks' mean percentage × target / 100. */
export function goalProgress(goal: ResolvedGoal, views: TaskProgressView[]): GoalProgress {
  const tasks = goal.tasks
    .map((key) => views.find((view) => view.key === key))
    .filter((view): view is TaskProgressView => view !== undefined);
  const actual =
    goal.aggregate === 'sum'
      ? tasks.reduce((sum, view) => sum + (view.quantity ?? 0), 0)
      : (mean(tasks.map((view) => view.percentage)) * goal.target) / 100;
  return {
    key: goal.key,
    name: goal.name,
    target: goal.target,
    unit: goal.unit,
    actual: round1(actual),
    percentage: goal.target > 0 ? percent((actual / goal.target) * 100) : 0,
  };
}

/**
 * A campaign's overall progress (总体进度): the mean percentage of its leaf tasks (sub-tasks and tasks
 * without sub-tasks), each weighing the same, one decimal; 0 with no task. The battle map, the wall
 * display and the campaign list show this one figure.
 */
export function overallPercentage(views: TaskProgressView[]): number {
  return percent(mean(views.filter((view) => !view.isGroup).map((view) => view.percentage)));
}

export interface UnitStanding {
  /** 1 = best; units equal on overdue and mean percentage share a rank (并列), `tied` says so. */
  rank: number;
  tied: boolean;
  unit: string;
  /** Tasks it leads (sub-tasks and tasks without sub-tasks; groups are not counted twice). */
  tasks: number;
  accepted: number;
  overdue: number;
  meanPercentage: number;
  highestEscalation: number;
}

/** Ranking of lead units for a bulletin: fewest overdue, then highest mean percentage, then unit code. */
export function unitRanking(views: TaskProgressView[]): UnitStanding[] {
  const byUnit = new Map<string, TaskProgressView[]>();
  for (const view of views.filter((v) => !v.isGroup))
    byUnit.set(view.lead, [...(byUnit.get(view.lead) ?? []), view]);
  const ordered = [...byUnit.entries()]
    .map(([unit, tasks]) => ({
      unit,
      tasks: tasks.length,
      accepted: tasks.filter((t) => t.status === 'accepted').length,
      overdue: tasks.filter((t) => t.overdue).length,
      meanPercentage: round1(mean(tasks.map((t) => t.percentage))),
      highestEscalation: Math.max(0, ...tasks.map((t) => t.escalationLevel)),
    }))
    .sort(
      (a, b) =>
        a.overdue - b.overdue ||
        b.meanPercentage - a.meanPercentage ||
        (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
    );
  // units equal on overdue tasks and mean percentage share a rank (并列), listed by unit code
  const ranks = sharedRanks(
    ordered,
    (a, b) => a.overdue === b.overdue && a.meanPercentage === b.meanPercentage,
  );
  return ordered.map((standing, i) => ({ ...standing, ...ranks[i] }));
}

export interface FinalReport {
  closedAt: string;
  goals: GoalProgress[];
  /**
   * `onTime` / `late` count against the deadline in force (an approved extension counts);
   * `onTimeOriginal` counts the tasks accepted by their original deadline, as a ledger bulletin's
   * 按原定期限销号 does. Absent in reports written before it was counted.
   */
  totals: {
    tasks: number;
    onTime: number;
    late: number;
    unfinished: number;
    onTimeOriginal?: number;
    extended?: number;
  };
  /** Leaf tasks: on time (accepted by the deadline in force), late (accepted after it), unfinished (never accepted). */
  tasks: Array<{
    key: string;
    name: string;
    lead: string;
    deadline: string;
    /** The day as written when the deadline was given as a date (`deadlineDate`), else null. */
    deadlineDate: string | null;
    /** The deadline of the plan before any extension, and its day as written. */
    originalDeadline?: string;
    originalDeadlineDate?: string | null;
    acceptedAt: string | null;
    outcome: 'on-time' | 'late' | 'unfinished';
    /** Its deadline was moved (an extension or a re-plan), not only by pauses. */
    extended?: boolean;
    /** Accepted by the original deadline, paused time added (null: never accepted). */
    onTimeOriginal?: boolean | null;
    percentage: number;
  }>;
  byUnit: Array<{ unit: string; onTime: number; late: number; unfinished: number; onTimeOriginal?: number }>;
}

export function finalReport(goals: ResolvedGoal[], views: TaskProgressView[], closedAt: string): FinalReport {
  const tasks = views
    .filter((view) => !view.isGroup)
    .map((view) => {
      const result = outcome(view);
      return {
        key: view.key,
        name: view.name,
        lead: view.lead,
        deadline: view.deadline,
        deadlineDate: deadlineDate(view.deadline),
        originalDeadline: view.originalDeadline,
        originalDeadlineDate: deadlineDate(view.originalDeadline),
        acceptedAt: view.acceptedAt,
        outcome: result,
        onTimeOriginal:
          result === 'unfinished' || view.acceptedAt === null
            ? null
            : Date.parse(view.acceptedAt) <= Date.parse(view.originalDeadline) + (view.pausedMs ?? 0),
        extended: Date.parse(view.deadline) - (view.pausedMs ?? 0) !== Date.parse(view.originalDeadline),
        percentage: view.percentage,
      };
    });
  const byUnit: Required<FinalReport>['byUnit'] = [];
  for (const task of tasks) {
    let line = byUnit.find((u) => u.unit === task.lead);
    if (!line)
      byUnit.push((line = { unit: task.lead, onTime: 0, late: 0, unfinished: 0, onTimeOriginal: 0 }));
    line[outcomeField[task.outcome]] += 1;
    if (task.onTimeOriginal === true) line.onTimeOriginal! += 1;
  }
  const count = (o: FinalReport['tasks'][number]['outcome']) => tasks.filter((t) => t.outcome === o).length;
  return {
    closedAt,
    goals: goals.map((goal) => goalProgress(goal, views)),
    totals: {
      tasks: tasks.length,
      onTime: count('on-time'),
      late: count('late'),
      unfinished: count('unfinished'),
      onTimeOriginal: tasks.filter((t) => t.onTimeOriginal === true).length,
      extended: tasks.filter((t) => t.extended).length,
    },
    tasks,
    byUnit,
  };
}

export interface CampaignBulletinPayload {
  number: number;
  asOf: string;
  ranking: UnitStanding[];
  overdue: Array<{
    key: string;
    name: string;
    lead: string;
    deadline: string;
    /** The day as written when the deadline was given as a date (`deadlineDate`), else null. */
    deadlineDate: string | null;
    daysOverdue: number;
    escalationLevel: number;
  }>;
  escalated: Array<{ key: string; name: string; lead: string; escalationLevel: number }>;
  behindPace: Array<{ key: string; name: string; lead: string; percentage: number }>;
  goals: GoalProgress[];
  /** Its number (文号) and issuing office, given at publication; absent in older bulletins. */
  document?: DocumentStamp;
}

/**
 * A weekly bulletin's frozen content as of its time. The views are recomputed as of `asOf` (days
 * overdue counted to the bulletin's time). Overdue: leaf tasks not accepted past their deadline,
 * most days overdue first; escalated: leaf tasks not accepted with a fired ladder step, highest
 * first; behind pace: leaf tasks not accepted flagged by their last pace check. An accepted task
 * leaves these lists (the bulletin names who is still behind).
 */
export function campaignBulletin(
  number: number,
  asOf: Date,
  goals: ResolvedGoal[],
  views: TaskProgressView[],
): CampaignBulletinPayload {
  const current = taskProgress(views, asOf);
  const open = current.filter((view) => !view.isGroup && view.status !== 'accepted');
  return {
    number,
    asOf: asOf.toISOString(),
    ranking: unitRanking(current),
    overdue: open
      .filter((view) => view.overdue)
      .sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.order - b.order)
      .map((view) => ({
        key: view.key,
        name: view.name,
        lead: view.lead,
        deadline: view.deadline,
        deadlineDate: deadlineDate(view.deadline),
        daysOverdue: view.daysOverdue ?? 0,
        escalationLevel: view.escalationLevel,
      })),
    escalated: open
      .filter((view) => view.escalationLevel > 0)
      .sort((a, b) => b.escalationLevel - a.escalationLevel || a.order - b.order)
      .map((view) => ({
        key: view.key,
        name: view.name,
        lead: view.lead,
        escalationLevel: view.escalationLevel,
      })),
    behindPace: open
      .filter((view) => view.behindPace)
      .map((view) => ({ key: view.key, name: view.name, lead: view.lead, percentage: view.percentage })),
    goals: goals.map((goal) => goalProgress(goal, current)),
  };
}

const outcomeField = { 'on-time': 'onTime', late: 'late', unfinished: 'unfinished' } as const;

/** On time: accepted no later than the deadline in force; late: accepted after it; unfinished: never accepted. */
function outcome(view: TaskProgressView): 'on-time' | 'late' | 'unfinished' {
  if (view.status !== 'accepted' || view.acceptedAt === null) return 'unfinished';
  return Date.parse(view.acceptedAt) <= Date.parse(view.deadline) ? 'on-time' : 'late';
}

const round1 = (value: number) => Math.round(value * 10) / 10;
/** A percentage between 0 and 100, one decimal. */
const percent = (value: number) => round1(Math.min(100, Math.max(0, value)));
const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
