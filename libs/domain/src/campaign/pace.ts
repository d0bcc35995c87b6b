import type { ResolvedTask } from './campaign-plan';

/**
 * 序时进度: the share of its target a task should have reached at `at` — linear over the task's
 * window (campaign start → deadline) or along the plan's curve (interpolated); 0 before start, 1 at
 * or after the deadline. `pausedMs` shifts the deadline later.
 */
export function expectedShare(
  task: ResolvedTask,
  windowStart: string,
  deadline: string,
  at: Date,
  pausedMs?: number,
): number {
  throw new Error('TODO');
}

/** Percentage points behind pace (positive: behind): expected share × 100 − actual percentage. */
export function paceGap(expected: number, actualPercent: number): number {
  throw new Error('TODO');
}

/** Behind by more than the plan's margin, and the deadline not yet passed (after that the ladder speaks). */
export function isBehindPace(
  expected: number,
  actualPercent: number,
  margin: number,
  at: Date,
  deadline: string,
): boolean {
  throw new Error('TODO');
}

/** When the task workflow next checks its pace: the next 09:00 CST strictly after `now`. */
export function nextPaceCheck(now: Date): Date {
  throw new Error('TODO');
}

/** A pace warning goes out at most once every 7 days. */
export function mayWarnPace(lastWarnedAt: string | null, now: Date): boolean {
  throw new Error('TODO');
}
