import type { SignOff } from '../sign-off/sign-off';
import type { ProcessDecision } from '../process/decision';
import type { TimelineEvent } from '../process/timeline';
import type { ResolvedTask } from './campaign-plan';

/**
 * The life of one campaign task, as pure rules (implemented in task-process.ts): a task is worked
 * (`in-progress`), submitted as complete by its lead unit (`submitted`), and accepted by the command
 * center (`accepted`) or returned with a reason (back to `in-progress`). Closing the campaign ends
 * every task (`closed` keeps whether it was accepted).
 */
export const TASK_STATUSES = ['in-progress', 'submitted', 'accepted'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  'in-progress': '推进中',
  submitted: '待验收',
  accepted: '已完成',
};

export interface ProgressReport {
  at: string;
  by: string;
  unit: string | null;
  /** Quantity done so far (tasks with a quantity target). */
  quantityDone: number | null;
  /** Percentage done (tasks without a quantity target), 0..100. */
  percentDone: number | null;
  narrative: string;
  evidenceIds: string[];
}

export interface TaskState {
  task: ResolvedTask;
  status: TaskStatus;
  /** The deadline in force (ISO instant); an extension or a plan change moves it. */
  deadline: string;
  /** As first launched: on-time statistics also report against this. */
  originalDeadline: string;
  quantityDone: number | null;
  percentDone: number | null;
  lastReport: ProgressReport | null;
  reportCount: number;
  submittedAt: string | null;
  submission: { by: string; note: string; evidenceIds: string[] } | null;
  acceptedAt: string | null;
  acceptance: SignOff | null;
  returnCount: number;
  lastReturnReason: string | null;
  extensions: Array<{ from: string; to: string; reason: string; by: string; at: string }>;
  paused: { since: string } | null;
  pausedMs: number;
  /** Ladder levels fired since the deadline was last set. */
  firedLevels: number[];
  /**
   * Fired levels whose step a leader must still decide (约谈, 问责: `leaderMustAct`). Absent in the
   * state of a task escalated before leader decisions existed (read it with `awaitingLeaderOf`).
   */
  awaitingLeader?: number[];
  /** When a pace warning last went out (at most one a week). */
  paceWarnedAt: string | null;
  /** Whether the last pace check found the task behind its expected pace by more than the margin. */
  behindPace: boolean;
  /** Set when the campaign closed: no further step is taken. */
  closedAt: string | null;
  version: number;
}

export type TaskCommand =
  | {
      type: 'report-progress';
      quantityDone?: number;
      percentDone?: number;
      narrative: string;
      evidenceIds: string[];
    }
  | { type: 'submit'; note: string; evidenceIds: string[] }
  | { type: 'accept'; note: string }
  | { type: 'return'; reason: string }
  | { type: 'extend'; deadline: string; reason: string }
  /** A leader records the decision on a summons (约谈) or accountability (问责) step awaiting one. */
  | { type: 'leader-decision'; level: number; decision: string };
export type TaskCommandType = TaskCommand['type'];

/** What happened to a task, for its timeline, the audit trail and the change feed. */
export type TaskEvent = TimelineEvent<
  TaskCommandType | 'launch' | 'escalate' | 'pace-warning' | 'revise' | 'pause' | 'resume' | 'close'
>;

export type TaskDecision = ProcessDecision<TaskState, TaskEvent>;
