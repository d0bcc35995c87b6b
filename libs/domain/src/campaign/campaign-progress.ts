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
  throw new Error('TODO');
}

export interface GoalProgress {
  key: string;
  name: string;
  target: number;
  unit: string;
  actual: number;
  /** actual / target × 100, one decimal. */
  percentage: number;
}

/** A goal's actual value from its tasks: `sum` adds their quantities; `mean-percent` is the tasks' mean percentage × target / 100. */
export function goalProgress(goal: ResolvedGoal, views: TaskProgressView[]): GoalProgress {
  throw new Error('TODO');
}

export interface UnitStanding {
  rank: number;
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
  throw new Error('TODO');
}

export interface FinalReport {
  closedAt: string;
  goals: GoalProgress[];
  totals: { tasks: number; onTime: number; late: number; unfinished: number };
  /** Leaf tasks: on time (accepted by the deadline in force), late (accepted after it), unfinished (never accepted). */
  tasks: Array<{
    key: string;
    name: string;
    lead: string;
    deadline: string;
    acceptedAt: string | null;
    outcome: 'on-time' | 'late' | 'unfinished';
    percentage: number;
  }>;
  byUnit: Array<{ unit: string; onTime: number; late: number; unfinished: number }>;
}

export function finalReport(goals: ResolvedGoal[], views: TaskProgressView[], closedAt: string): FinalReport {
  throw new Error('TODO');
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
    daysOverdue: number;
    escalationLevel: number;
  }>;
  escalated: Array<{ key: string; name: string; lead: string; escalationLevel: number }>;
  behindPace: Array<{ key: string; name: string; lead: string; percentage: number }>;
  goals: GoalProgress[];
}

/** A weekly bulletin's frozen content as of its time. */
export function campaignBulletin(
  number: number,
  asOf: Date,
  goals: ResolvedGoal[],
  views: TaskProgressView[],
): CampaignBulletinPayload {
  throw new Error('TODO');
}
