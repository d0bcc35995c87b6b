import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { HouseholdNotice } from '../../activities/housing/household.activities';
import {
  HouseholdCommandResult,
  householdCommandUpdate,
  HouseholdPipelineInput,
  householdStateQuery,
  PAYMENT_REFUSED,
} from '../../libs/contracts/src/housing/household-pipeline';
import {
  fireHouseholdEscalation,
  householdCatchUp,
  nextHouseholdEscalation,
} from '../../libs/domain/src/housing/household-escalation';
import {
  decideHousehold,
  HouseholdCommand,
  HouseholdState,
  noticeEndsAt,
  passNotice,
  recordPayment,
  recordPaymentRefusal,
} from '../../libs/domain/src/housing/household-process';
import type { Actor } from '../../libs/domain/src/process/actor';
import type { TimelineEvent } from '../../libs/domain/src/process/timeline';
import { Deliveries } from '../common/deliveries';
import { KEEP_WAKE_TIMER, WakeTimer } from '../common/wake-timer';
import { workflowNow, workflowNowIso } from '../common/workflow-time';

// A local activity: one short transaction, run in the worker that holds the workflow. Thousands of
// households change stage in a bulk step, and each change then costs one workflow task instead of
// two workflow tasks and an activity task on the server. It is idempotent like any activity.
const { projectHousehold } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// A transfer is retried for as long as it takes (never dropped); the gateway dedupes on the
// attempt's idempotency key, so a retry after a crash never pays twice. The payment track of the
// ladder escalates a subsidy still unpaid after the programme's due time.
const { paySubsidy } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '10 seconds',
    maximumInterval: '1 hour',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: [PAYMENT_REFUSED],
  },
});

const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 hour', backoffCoefficient: 2 },
});

/**
 * The patch after which a household woken for a ladder step fires only the highest of its track's
 * steps due by then and passes over the ones below it (`householdCatchUp`), instead of firing each
 * in turn: one projection and one notice where the yellow and red card share a stage deadline.
 */
export const FIRE_HIGHEST_DUE_STEP = 'household-fires-highest-due-step';

const FINAL_STAGES: ReadonlyArray<HouseholdState['stage']> = ['moved-in', 'withdrawn'];

/**
 * One household's housing repair (危房改造) from appraisal to move-in: the source of truth for its
 * stage. People's steps arrive as updates checked by the domain rules; public notices, stage
 * deadlines, stalls and the unpaid subsidy are durable timers; the subsidy is paid by an activity.
 * Completes when the household has moved in or withdrawn; the read model keeps its record.
 */
export async function householdPipelineWorkflow(input: HouseholdPipelineInput): Promise<HouseholdState> {
  const { facts, rules } = input;
  let state = input.state;
  let changed = false;
  let paying: Promise<void> | undefined;
  const deliveries = new Deliveries(deliverNotifications);
  const wakeTimer = new WakeTimer();
  deliveries.send(input.undelivered ?? []);

  const apply = async (next: { state: HouseholdState; event: TimelineEvent }, notice?: HouseholdNotice) => {
    state = next.state;
    changed = true;
    const { notificationIds } = await projectHousehold({ facts, rules, state, event: next.event, notice });
    deliveries.send(notificationIds);
  };
  const decide = (command: HouseholdCommand, actor: Actor) =>
    decideHousehold(state, command, actor, rules.parties, workflowNowIso());
  const refuseIfIllegal = (decision: ReturnType<typeof decide>) => {
    if (!decision.ok)
      throw ApplicationFailure.create({ type: decision.code, message: decision.reason, nonRetryable: true });
    return decision;
  };

  setHandler(householdStateQuery, () => state);
  setHandler(
    householdCommandUpdate,
    async ({ command, actor }): Promise<HouseholdCommandResult> => {
      const decision = refuseIfIllegal(decide(command, actor));
      await apply(decision);
      // What this step produced, even if a payment landed while it was being projected.
      return { version: decision.state.version, stage: decision.state.stage };
    },
    {
      validator: ({ command, actor }: { command: HouseholdCommand; actor: Actor }) => {
        refuseIfIllegal(decide(command, actor));
      },
    },
  );

  const pay = async (attempt: number) => {
    try {
      const receipt = await paySubsidy({ facts, attempt });
      await apply(recordPayment(state, receipt, workflowNowIso()));
    } catch (error) {
      const refusal =
        error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : null;
      if (refusal?.type !== PAYMENT_REFUSED) throw error;
      log.warn('subsidy refused by the gateway', { attempt, reason: refusal.message });
      await apply(recordPaymentRefusal(state, refusal.message, workflowNowIso()), {
        kind: 'payment-refused',
        audience: ['command-center', 'housing-bureau'],
        label: '补助兑付被拒',
      });
    } finally {
      paying = undefined;
    }
  };

  while (!FINAL_STAGES.includes(state.stage)) {
    if (workflowInfo().continueAsNewSuggested && !paying) {
      const undelivered = await deliveries.handOver();
      await condition(allHandlersFinished);
      await continueAsNew<typeof householdPipelineWorkflow>({ ...input, state, undelivered });
    }
    changed = false;
    if (state.stage === 'payment' && state.payment?.status === 'paying' && !paying) {
      paying = pay(state.payment.attempt);
    }
    const noticeEnd = noticeEndsAt(state);
    const due = nextHouseholdEscalation(state, rules, facts.workflowId);
    const wakeAt = Math.min(
      noticeEnd ? new Date(noticeEnd).getTime() : Infinity,
      due ? due.wakeAt.getTime() : Infinity,
    );
    if (wakeAt === Infinity) {
      await condition(() => changed);
      continue;
    }
    const wait = wakeAt - workflowNow().getTime();
    if (wait > 0) {
      if (!patched(KEEP_WAKE_TIMER)) {
        if (await condition(() => changed, wait)) continue;
      } else if ((await wakeTimer.wait(wakeAt, () => changed)) || wakeAt > workflowNow().getTime()) {
        continue; // a change, or the timer rang for an earlier wake-up than now needed
      }
    }

    if (noticeEnd && new Date(noticeEnd).getTime() <= workflowNow().getTime()) {
      await apply(passNotice(state, workflowNowIso()));
    } else if (due) {
      const { due: firing, passedOver } = patched(FIRE_HIGHEST_DUE_STEP)
        ? householdCatchUp(state, rules, due, workflowNow())
        : { due, passedOver: [] };
      log.info('household escalation fired', { track: firing.track, level: firing.step.level, passedOver });
      await apply(fireHouseholdEscalation(state, firing, rules, workflowNowIso(), passedOver), {
        kind: `escalation.${firing.step.kind}`,
        audience:
          firing.track === 'payment' ? [...firing.step.audience, 'housing-bureau'] : firing.step.audience,
        label: firing.step.label,
      });
    }
  }
  await deliveries.all();
  await condition(allHandlersFinished);
  return state;
}
