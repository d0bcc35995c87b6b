import type { PacePoint, ResolvedTask } from './campaign-plan';
import type { TaskState } from './campaign-task';
import { nextDailyCst } from '../time/china-time';

const DAY_MS = 86_400_000;
/** Pace checks run each morning at 09:00 CST. */
const CHECK_HOUR_CST = 9;
/** A pace warning goes out at most once in this many days. */
export const PACE_WARNING_INTERVAL_DAYS = 7;

/**
 * 序时进度: the share of its target a task should have reached at `at` — linear over the task's
 * window (campaign start → deadline) or along the plan's curve (interpolated); 0 before start, 1 at
 * or after the deadline. `pausedMs` shifts the deadline later.
 *
 * The curve runs piecewise linear through (0, 0), the plan's points in time order, and (1, 1); the
 * curve is pinned at both ends, so points at time 0 or 1 are ignored.
 */
export function expectedShare(
  task: ResolvedTask,
  windowStart: string,
  deadline: string,
  at: Date,
  pausedMs = 0,
): number {
  const start = Date.parse(windowStart);
  const end = Date.parse(deadline) + pausedMs;
  const now = at.getTime();
  if (now >= end) return 1;
  if (now <= start) return 0;
  const elapsed = (now - start) / (end - start);
  return task.pace && task.pace.length > 0 ? alongCurve(task.pace, elapsed) : elapsed;
}

function alongCurve(points: readonly PacePoint[], time: number): number {
  const inner = points
    .filter((p) => p.time > 0 && p.time < 1)
    .slice()
    .sort((a, b) => a.time - b.time);
  const curve: PacePoint[] = [{ time: 0, share: 0 }, ...inner, { time: 1, share: 1 }];
  for (let i = 1; i < curve.length; i++) {
    const [a, b] = [curve[i - 1], curve[i]];
    if (time <= b.time) {
      const width = b.time - a.time;
      return width <= 0 ? b.share : a.share + ((b.share - a.share) * (time - a.time)) / width;
    }
  }
  return 1;
}

/** Percentage points behind pace (positive: behind): expected share × 100 − actual percentage, one decimal. */
export function paceGap(expected: number, actualPercent: number): number {
  // One decimal, as shown to people; it also removes float noise (0.3 × 100 = 30.000000000000004).
  return Math.round((expected * 100 - actualPercent) * 10) / 10;
}

/** Behind by more than the plan's margin, and the deadline not yet passed (after that the ladder speaks). */
export function isBehindPace(
  expected: number,
  actualPercent: number,
  margin: number,
  at: Date,
  deadline: string,
): boolean {
  return at.getTime() < Date.parse(deadline) && paceGap(expected, actualPercent) > margin;
}

/** When the task workflow next checks its pace: the next 09:00 CST strictly after `now`. */
export function nextPaceCheck(now: Date): Date {
  return nextDailyCst(CHECK_HOUR_CST * 60, now);
}

/** A pace warning goes out at most once every 7 days. */
export function mayWarnPace(lastWarnedAt: string | null, now: Date): boolean {
  return (
    lastWarnedAt === null || now.getTime() - Date.parse(lastWarnedAt) >= PACE_WARNING_INTERVAL_DAYS * DAY_MS
  );
}

/**
 * Pace is checked for a task measured against something — a quantity target, or a linked ledger or
 * programme — while it is worked: in progress, not paused, campaign not closed. (A task reporting a
 * bare percentage has nothing to measure against; a submitted task waits for acceptance.)
 */
export function paceApplies(state: TaskState): boolean {
  const measurable = state.task.target !== null || state.task.measure !== 'reported';
  return measurable && state.status === 'in-progress' && !state.paused && state.closedAt === null;
}

/** What a task's deadline in force is made of (the task state, or its read-model row). */
export type TaskClock = Pick<TaskState, 'deadline' | 'pausedMs'> & { paused: { since: string } | null };

/**
 * The one rule for a campaign task's deadline in force (ISO instant), which every reader uses
 * (battle map, bulletins, final report, to-do lists): the deadline as set (plan, extension), later
 * by every finished pause (`pausedMs`, as the ladder counts it) and by a pause still running, up
 * to `now` — a paused task's deadline moves with the clock, as its ladder waits.
 */
export function deadlineInForce(clock: TaskClock, now: Date): string {
  const running = clock.paused ? Math.max(0, now.getTime() - Date.parse(clock.paused.since)) : 0;
  return new Date(Date.parse(clock.deadline) + clock.pausedMs + running).toISOString();
}

/** The deadline in force between pauses (the workflow's pace check, which never runs while paused). */
export function effectiveDeadline(state: Pick<TaskState, 'deadline' | 'pausedMs'>): string {
  return deadlineInForce({ ...state, paused: null }, new Date(0));
}

/** Overdue: not accepted, and `now` past the deadline in force (so never while paused). */
export function isTaskOverdue(clock: TaskClock & Pick<TaskState, 'status'>, now: Date): boolean {
  return clock.status !== 'accepted' && now.getTime() > Date.parse(deadlineInForce(clock, now));
}

/**
 * The actual percentage a pace check compares with the expected share: for a reported task with a
 * quantity target, quantity done / target; for a task linked to a ledger or programme, done /
 * (target, or the linked total). Null when there is nothing to measure against (a reported task
 * without a target, a linked total of 0, or no linked progress given): no pace check then.
 *
 * The same counting as `taskPercentage` (campaign-progress.ts), which the battle map shows, but
 * unrounded and unclamped (an overshoot stays above 100) and null instead of 0 when nothing counts:
 * the pace gap is rounded once, in `paceGap`, and a task without a measure is not "0% done, behind".
 */
export function measuredPercent(
  task: Pick<ResolvedTask, 'target' | 'measure'>,
  quantityDone: number | null,
  linked: { done: number; total: number } | null,
): number | null {
  if (task.measure === 'reported')
    return task.target ? ((quantityDone ?? 0) / task.target.quantity) * 100 : null;
  if (!linked) return null;
  const of = task.target?.quantity ?? linked.total;
  return of > 0 ? (linked.done / of) * 100 : null;
}
