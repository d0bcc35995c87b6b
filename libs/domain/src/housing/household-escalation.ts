import {
  catchUp,
  nextStep,
  passedOverRecord,
  stepDueAt,
  stepsAt,
  type EscalationStep,
} from '../escalation/ladder';
import type { Actor } from '../process/actor';
import type { TimelineEvent } from '../process/timeline';
import { addIsoDuration, exactDurationMs } from '../time/iso-duration';
import { jitterMs } from '../time/jitter';
import { ACTIVE_STAGES, isActiveStage, STAGE_LABELS, type ActiveStage } from './household-stages';
import type { EscalationTrack, HouseholdState } from './household-process';
import type { ProgrammeRules } from './programme-rules';

/**
 * A household is escalated on the programme's ladder along three tracks, each counting from its own
 * anchor: the current stage's deadline, the last progress plus the stall time (改造迟迟不动), and —
 * in the payment stage — acceptance plus the payment due time. A new anchor (another stage, new
 * progress) re-arms that track's ladder.
 */
export const TRACK_LABELS: Record<EscalationTrack, string> = {
  deadline: '阶段逾期',
  stall: '长期停滞',
  payment: '补助逾期未兑付',
};

export type EscalationRules = Pick<
  ProgrammeRules,
  'stageDeadlines' | 'stallAfter' | 'paymentDueAfter' | 'ladder' | 'timerJitter'
>;

export function trackAnchors(
  state: HouseholdState,
  rules: EscalationRules,
): Array<{ track: EscalationTrack; anchorAt: string }> {
  if (!isActiveStage(state.stage)) return [];
  const anchors: Array<{ track: EscalationTrack; anchorAt: string }> = [];
  const deadline = rules.stageDeadlines[state.stage];
  if (deadline) anchors.push({ track: 'deadline', anchorAt: deadline });
  if (state.stage === 'payment' && state.acceptedAt) {
    anchors.push({
      track: 'payment',
      anchorAt: addIsoDuration(new Date(state.acceptedAt), rules.paymentDueAfter).toISOString(),
    });
  } else {
    anchors.push({
      track: 'stall',
      anchorAt: addIsoDuration(new Date(state.lastProgressAt), rules.stallAfter).toISOString(),
    });
  }
  return anchors;
}

export interface DueEscalation {
  track: EscalationTrack;
  anchorAt: string;
  step: EscalationStep;
  /** When the step falls due by the ladder. */
  dueAt: Date;
  /** When this household wakes for it: `dueAt` plus its own share of the jitter window. */
  wakeAt: Date;
}

/** The next ladder step to fire on any track, or none. */
export function nextHouseholdEscalation(
  state: HouseholdState,
  rules: EscalationRules,
  jitterKey: string,
): DueEscalation | undefined {
  const spread = jitterMs(jitterKey, exactDurationMs(rules.timerJitter));
  return trackAnchors(state, rules)
    .map(({ track, anchorAt }) => {
      const fired = firedFor(state, track, anchorAt);
      const anchor = new Date(anchorAt);
      const due = nextStep(rules.ladder, { basic: anchor, full: anchor }, fired);
      return (
        due && {
          track,
          anchorAt,
          step: due.step,
          dueAt: due.dueAt,
          wakeAt: new Date(due.dueAt.getTime() + spread),
        }
      );
    })
    .filter((due): due is DueEscalation => due !== undefined)
    .sort((a, b) => a.wakeAt.getTime() - b.wakeAt.getTime())[0];
}

/** Levels already fired for a track's current anchor. */
const firedFor = (state: HouseholdState, track: EscalationTrack, anchorAt: string) =>
  state.escalations.filter((e) => e.track === track && e.anchorAt === anchorAt).map((e) => e.level);

/**
 * What a household woken for `due` fires, by the ladder's catch-up rule (`catchUp`): of its track's
 * steps due by `now` — those falling due at the same instant (with the default ladder the yellow and
 * the red card at a stage deadline), or while the worker was down — the highest, and the levels below
 * it, passed over.
 */
export function householdCatchUp(
  state: HouseholdState,
  rules: EscalationRules,
  due: DueEscalation,
  now: Date,
): { due: DueEscalation; passedOver: number[] } {
  const anchor = new Date(due.anchorAt);
  const deadlines = { basic: anchor, full: anchor };
  const fired = firedFor(state, due.track, due.anchorAt);
  const { fire, passedOver } = catchUp(
    rules.ladder.filter(
      (step) => !fired.includes(step.level) && stepDueAt(step, deadlines).getTime() <= now.getTime(),
    ),
  );
  if (!fire) return { due, passedOver: [] };
  const dueAt = stepDueAt(fire, deadlines);
  return {
    due: {
      ...due,
      step: fire,
      dueAt,
      wakeAt: new Date(dueAt.getTime() + (due.wakeAt.getTime() - due.dueAt.getTime())),
    },
    passedOver,
  };
}

/** The highest level fired on a track that is still current (0: none). */
export function householdEscalationLevel(state: HouseholdState, rules: EscalationRules): number {
  const current = trackAnchors(state, rules);
  return state.escalations
    .filter((e) => current.some((a) => a.track === e.track && a.anchorAt === e.anchorAt))
    .reduce((max, e) => Math.max(max, e.level), 0);
}

const systemActor: Actor = { id: 'system:workflow', name: '系统', unit: null, roles: [] };

/**
 * Records a fired step, and the levels it passes over (`householdCatchUp`) as fired with it; steps
 * of anchors no longer current are dropped (they cannot fire again).
 */
export function fireHouseholdEscalation(
  state: HouseholdState,
  due: DueEscalation,
  rules: EscalationRules,
  now: string,
  passedOver: readonly number[] = [],
): { state: HouseholdState; event: TimelineEvent } {
  const current = trackAnchors(state, rules);
  const next: HouseholdState = JSON.parse(JSON.stringify(state)) as HouseholdState;
  next.version = state.version + 1;
  next.escalations = [
    ...state.escalations.filter((e) => current.some((a) => a.track === e.track && a.anchorAt === e.anchorAt)),
    ...[...passedOver, due.step.level].map((level) => ({ track: due.track, anchorAt: due.anchorAt, level })),
  ];
  // Passed-over levels are never fired on this anchor already (householdCatchUp leaves them out).
  const passed = passedOverRecord(stepsAt(rules.ladder, passedOver), []);
  return {
    state: next,
    event: {
      type: 'escalation',
      at: now,
      actor: systemActor,
      summary: `${TRACK_LABELS[due.track]}（${STAGE_LABELS[state.stage]}）：${due.step.label}` + passed.note,
      reason: null,
      data: {
        stage: state.stage,
        track: due.track,
        anchorAt: due.anchorAt,
        level: due.step.level,
        kind: due.step.kind,
        ...passed.data,
      },
    },
  };
}

/** The stages whose deadline has passed at `now`: a household in one of them is overdue. */
export function stagesPastDeadline(
  rules: Pick<ProgrammeRules, 'stageDeadlines'>,
  now: string,
): ActiveStage[] {
  const at = new Date(now).getTime();
  return ACTIVE_STAGES.filter((stage) => {
    const deadline = rules.stageDeadlines[stage];
    return deadline !== undefined && new Date(deadline).getTime() < at;
  });
}

/** Whether the household is past its current stage's deadline at `now`. */
export function isStageOverdue(
  state: HouseholdState,
  rules: Pick<ProgrammeRules, 'stageDeadlines'>,
  now: string,
): boolean {
  return (stagesPastDeadline(rules, now) as string[]).includes(state.stage);
}
