import type { EscalationStep } from '../escalation/ladder';

/**
 * A campaign plan (实施方案) as the command center writes it: a JSON or YAML document. These are the
 * shapes of that document and of the plan resolved from it (every deadline an instant, inherited
 * fields filled in). `planProblems` (plan-validation.ts) checks a document; `resolvePlan`
 * (plan-resolution.ts) turns a valid one into a `ResolvedPlan`.
 */

/**
 * A deadline as a plan may write it:
 * - `"2018-06-30"`: a date alone, the end of that day in China Standard Time;
 * - `"2018-06-30T18:00:00+08:00"`: an instant;
 * - `{ "beforeEnd": "P10D" }`: calendar time before the campaign's end (倒排工期);
 * - `{ "workingDaysBeforeEnd": 5 }`: working days before the campaign's end (N 个工作日);
 * - `{ "workingDaysAfterStart": 20 }`: working days after the campaign's start.
 * A sub-task without a deadline inherits its task's.
 */
export type DeadlineSpec =
  string | { beforeEnd: string } | { workingDaysBeforeEnd: number } | { workingDaysAfterStart: number };

/** How a task's progress is measured. */
export type MeasureSpec =
  | 'reported' // the lead unit reports a quantity (or a percentage when there is no quantity target)
  | { ledger: string } // linked: items closed on this rectification ledger (uuid)
  | { programme: string }; // linked: households moved in on this housing programme (uuid)

/** Expected share of the target at a share of the task's time (序时进度 curve); linear when absent. */
export interface PacePoint {
  /** Share of the task's window elapsed, 0..1. */
  time: number;
  /** Share of the target expected by then, 0..1. */
  share: number;
}

export interface TaskSpec {
  /** Stable key within the campaign (`T4`, `T5.1`): the task's identity across plan versions. */
  key: string;
  name: string;
  /** Unit codes; a sub-task inherits its task's lead unit and cooperating units when it gives none. */
  lead?: string;
  cooperating?: string[];
  deadline?: DeadlineSpec;
  /** Optional quantity target (747 户, 1020 人, 98 %). */
  target?: { quantity: number; unit: string };
  measure?: MeasureSpec;
  pace?: PacePoint[];
  /** Keys of tasks that must be accepted before this one may be submitted. */
  dependsOn?: string[];
  subtasks?: TaskSpec[];
}

export interface GoalSpec {
  key: string;
  name: string;
  target: number;
  unit: string;
  /** The tasks whose progress make up this goal. */
  tasks: string[];
  /** `mean-percent` (default): the tasks' mean completion as a share of the target; `sum`: their quantities added. */
  aggregate?: 'mean-percent' | 'sum';
}

/** Weekday 1 (Monday) … 7 (Sunday) and a CST wall time `HH:MM`. */
export interface WeeklyAt {
  weekday: number;
  time: string;
}

export interface CadenceSpec {
  /** Weekly bulletin (一周一通报); default Monday 09:00. */
  bulletin?: WeeklyAt;
  /** Weekly dispatch meeting of the command center (一周一调度); reminder to the command center. */
  dispatchMeeting?: WeeklyAt;
  /** Day of the month (1–28) lead units report on (按月报送); reminder at 09:00 that day. */
  monthlyReportDay?: number;
}

export interface CampaignPlanDocument {
  name: string;
  window: { start: string; end: string };
  goals?: GoalSpec[];
  tasks: TaskSpec[];
  cadence?: CadenceSpec;
  /** Escalation ladder for late tasks; every step anchors on the task's deadline. */
  ladder?: EscalationStep[];
  /** Units sign their responsibility pledge within this time after launch (ISO duration, default P3D). */
  pledgeWithin?: string;
  /** A task this many percentage points behind its expected pace is warned (default 10). */
  paceMargin?: number;
}

/** One task or sub-task with everything filled in: what a task workflow runs. */
export interface ResolvedTask {
  key: string;
  /** The task this sub-task belongs to, or null for a top-level task. */
  parentKey: string | null;
  /** Position in the plan (for ordering lists). */
  order: number;
  name: string;
  lead: string;
  cooperating: string[];
  /** ISO instant. */
  deadline: string;
  target: { quantity: number; unit: string } | null;
  measure: MeasureSpec;
  pace: PacePoint[] | null;
  dependsOn: string[];
  /** Whether the task has sub-tasks: its progress is then their rollup and it runs no workflow of its own. */
  isGroup: boolean;
}

export interface ResolvedGoal {
  key: string;
  name: string;
  target: number;
  unit: string;
  tasks: string[];
  aggregate: 'mean-percent' | 'sum';
}

export interface ResolvedCadence {
  bulletin: WeeklyAt;
  dispatchMeeting: WeeklyAt | null;
  monthlyReportDay: number | null;
}

export interface ResolvedPlan {
  name: string;
  /** ISO instants: the start of the first day and the end of the last day (CST). */
  window: { start: string; end: string };
  goals: ResolvedGoal[];
  /** Tasks and sub-tasks, flattened in plan order (a group before its sub-tasks). */
  tasks: ResolvedTask[];
  cadence: ResolvedCadence;
  ladder: EscalationStep[];
  pledgeWithin: string;
  paceMargin: number;
}

/** A problem with a plan document, with where it is (`tasks[3].subtasks[0].lead`). */
export interface PlanProblem {
  path: string;
  problem: string;
}

/** What validation needs to know of the world outside the document. */
export interface PlanContext {
  unitCodes: ReadonlySet<string>;
  ledgerIds: ReadonlySet<string>;
  programmeIds: ReadonlySet<string>;
  calendar: WorkingCalendar;
}

/** Holidays and make-up working days (调休) by CST date; weekends are rest days unless listed as working. */
export interface WorkingCalendar {
  /** Years (e.g. 2026) whose holidays are known; working-day arithmetic outside them is refused. */
  years: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}
