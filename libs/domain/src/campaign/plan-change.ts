import type { PlanProblem, ResolvedPlan, ResolvedTask } from './campaign-plan';

export interface PlanChange {
  /** Tasks in the new version only (started as new task workflows). */
  added: ResolvedTask[];
  /** Tasks whose name, units, deadline, target, measure, pace or dependencies changed. */
  revised: ResolvedTask[];
  /** Why the new version cannot apply to a running campaign (a task removed, a task turned into a group or back, window start moved): empty when it can. */
  problems: PlanProblem[];
}

/** What a new plan version changes in a launched campaign, and whether it may. */
export function planChange(current: ResolvedPlan, next: ResolvedPlan): PlanChange {
  throw new Error('TODO');
}
