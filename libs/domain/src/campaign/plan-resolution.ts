import type { CampaignPlanDocument, DeadlineSpec, ResolvedPlan, WorkingCalendar } from './campaign-plan';

/** A deadline spec as an instant, given the campaign window (ISO instants) — 倒排工期 and working days included. */
export function resolveDeadline(
  spec: DeadlineSpec,
  window: { start: string; end: string },
  calendar: WorkingCalendar,
): Date {
  throw new Error('TODO');
}

/** A valid document (planProblems empty) resolved: instants, inheritance, defaults (ladder, cadence, pledgeWithin P3D, paceMargin 10). */
export function resolvePlan(document: CampaignPlanDocument, calendar: WorkingCalendar): ResolvedPlan {
  throw new Error('TODO');
}
