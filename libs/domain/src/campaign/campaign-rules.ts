import type { EscalationStep } from '../escalation/ladder';
import type { Actor } from '../rectification/item-process';
import type { ResolvedPlan, WeeklyAt } from './campaign-plan';
import type { CampaignState } from './campaign-process';

/** Every distinct unit a plan names (leads and cooperating units), in plan order: who must pledge. */
export function pledgingUnits(plan: ResolvedPlan): string[] {
  throw new Error('TODO');
}

/** The campaign as launched now: running, pledges open for every unit, pledge deadline = now + pledgeWithin. */
export function newCampaignState(plan: ResolvedPlan, planVersion: number, now: string): CampaignState {
  throw new Error('TODO');
}

export type CampaignStep =
  | { type: 'pledge'; unit: string; note: string; evidenceIds: string[] }
  | { type: 'apply-plan'; planVersion: number; plan: ResolvedPlan; reason: string }
  | { type: 'pause'; reason: string }
  | { type: 'resume'; reason: string }
  | { type: 'close'; note: string };

export interface CampaignEvent {
  type: CampaignStep['type'] | 'launch' | 'pledge-escalate' | 'bulletin' | 'reminder';
  at: string;
  actor: Actor;
  summary: string;
  reason: string | null;
  data: Record<string, unknown>;
}

/**
 * Whether a campaign-level step is legal now. Codes: CAMPAIGN_CLOSED, NOT_PAUSED, ALREADY_PAUSED,
 * NOT_PLEDGING_UNIT, ALREADY_PLEDGED, REASON_REQUIRED, PLAN_VERSION_STALE (not newer than the one
 * running), PLAN_CHANGE_REFUSED (planChange problems, listed in the reason).
 */
export function decideCampaign(
  state: CampaignState,
  step: CampaignStep,
  actor: Actor,
  now: string,
): { ok: true; state: CampaignState; event: CampaignEvent } | { ok: false; code: string; reason: string } {
  throw new Error('TODO');
}

/** Next ladder step for the pledges still missing (anchored on the pledge deadline, paused time added); none when all signed or not running. */
export function nextPledgeEscalation(
  state: CampaignState,
): { step: EscalationStep; dueAt: Date; units: string[] } | undefined {
  throw new Error('TODO');
}

export function firePledgeEscalation(
  state: CampaignState,
  step: EscalationStep,
  now: string,
): { state: CampaignState; event: CampaignEvent } {
  throw new Error('TODO');
}

/** The first weekly time (CST weekday and HH:MM) strictly after `after`. */
export function nextWeekly(at: WeeklyAt, after: Date): Date {
  throw new Error('TODO');
}

/** The first `day`-of-month 09:00 CST strictly after `after`. */
export function nextMonthly(day: number, after: Date): Date {
  throw new Error('TODO');
}

export type CadenceKind = 'bulletin' | 'dispatch-meeting' | 'monthly-report';

/**
 * The next cadence event due for a running campaign: the earliest of the next bulletin, dispatch
 * reminder and monthly reminder after the last handled one (or after launch). None when paused or closed.
 */
export function nextCadence(state: CampaignState): { kind: CadenceKind; dueAt: Date } | undefined {
  throw new Error('TODO');
}

/** Records that a cadence event was handled (bulletin number bumped for bulletins). */
export function markCadence(state: CampaignState, kind: CadenceKind, dueAt: Date): CampaignState {
  throw new Error('TODO');
}
