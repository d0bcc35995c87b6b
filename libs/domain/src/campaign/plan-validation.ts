import type { PlanContext, PlanProblem } from './campaign-plan';

/**
 * Every problem of a plan document at once, each with its path (`tasks[3].subtasks[0].lead`):
 * shape and types, unknown unit / ledger / programme, window end before start, a deadline outside
 * the window or after its parent task's, a cooperating unit equal to the lead, duplicate task keys,
 * unknown or cyclic `dependsOn`, goals naming unknown tasks, pace curves not rising from 0 to 1,
 * cadence out of range, a bad ladder (ladderProblems), working days in a year the calendar does not
 * know. Empty when the plan is valid. Messages are Chinese.
 */
export function planProblems(document: unknown, context: PlanContext): PlanProblem[] {
  throw new Error('TODO');
}
