import { DEFAULT_LADDER, type EscalationKind, type EscalationStep } from '../escalation/ladder';

/** Where the campaign ladder departs from the ledgers' offsets: the red card comes three days after the deadline. */
const CAMPAIGN_OFFSETS: Partial<Record<EscalationKind, string>> = { 'red-warning': 'P3D' };

/**
 * The ladder for a campaign task that falls behind (DOMAIN.md "Deadlines and escalation"): the
 * ledgers' steps, notices and labels, but a task has one deadline, so every step anchors on it
 * ('basic'): a reminder three days before, a yellow card when it passes, a red card three days later
 * (leadership told), public criticism in the bulletin after a week, a summons (约谈) of the
 * responsible leader after two weeks and accountability (问责) after thirty days. A task has no one
 * responsible person: escalations go to the lead unit (the responsible unit).
 */
export const DEFAULT_CAMPAIGN_LADDER: EscalationStep[] = DEFAULT_LADDER.map((step) => ({
  ...step,
  anchor: 'basic',
  offset: CAMPAIGN_OFFSETS[step.kind] ?? step.offset,
  audience: step.audience.filter((audience) => audience !== 'responsible-person'),
  notice: { ...step.notice },
}));
