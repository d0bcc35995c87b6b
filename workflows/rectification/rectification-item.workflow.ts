import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { Deliveries } from '../common/deliveries';
import { workflowNow, workflowNowIso } from '../common/workflow-time';
import {
  CommandResult,
  itemCommandUpdate,
  itemRegisteredUpdate,
  itemStateQuery,
  RECHECK_WINDOW,
  RectificationItemInput,
} from '../../libs/contracts/src/rectification/rectification-item';
import {
  decide,
  ItemCommand,
  fireEscalation,
  ItemState,
  newItemState,
  nextEscalation,
} from '../../libs/domain/src/rectification/item-process';
import { stepsAt } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
import type { TimelineEvent } from '../../libs/domain/src/process/timeline';
import { catchUpEscalation, passOver } from '../../libs/domain/src/rectification/existing-item';
import { stateChange } from '../../libs/domain/src/process/state-change';

/** Patch id: an item registered as existing catches up with its ladder once (existing-item.ts). */
export const EXISTING_ITEM_PATCH = 'existing-item-catch-up';

/**
 * Patch id: an item woken for a ladder step fires the highest of the steps due by then and passes
 * over the ones below it (`catchUpEscalation`), instead of firing each in turn: one notice where the
 * yellow and red card share a deadline (basic = full), or after the worker was down.
 */
const FIRE_HIGHEST_DUE_STEP = 'item-fires-highest-due-step';

/**
 * Patch ids: an item continues as new once its history passes HISTORY_BOUND events (about 19
 * progress reports of 13 events each), not only when the server suggests it (thousands of events):
 * a command on an item the worker's cache evicted replays at most this much history. Runs from
 * before the bound was lowered continue as new at FIRST_HISTORY_BOUND.
 */
export const HISTORY_BOUND_PATCH = 'history-bound-250';
export const HISTORY_BOUND = 250;
export const FIRST_HISTORY_BOUND_PATCH = 'history-bound';
export const FIRST_HISTORY_BOUND = 500;

/** The length checks first: `patched` is asked only once a bound is passed, so shorter runs carry no marker. */
function historyTooLong(): boolean {
  const info = workflowInfo();
  return (
    info.continueAsNewSuggested ||
    (info.historyLength > HISTORY_BOUND && patched(HISTORY_BOUND_PATCH)) ||
    (info.historyLength > FIRST_HISTORY_BOUND && patched(FIRST_HISTORY_BOUND_PATCH))
  );
}

/**
 * Patch id: a step's projection carries what the step changed (libs/domain process/state-change.ts),
 * not the item's facts and whole state, so the history grows by the change with every step.
 */
export const PROJECT_CHANGES_PATCH = 'project-changes';

const { projectRectification, issueEscalation } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['InvalidProjection'],
  },
});

// Webhook delivery retries for as long as it takes (never lost); each attempt is idempotent.
const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 hour', backoffCoefficient: 2 }, // no attempt limit
});

/**
 * One rectification item (问题整改) from registration to close-out: the source of truth for its
 * state. People's steps arrive as updates (validated against the item process rules); deadlines
 * drive the escalation ladder; every change is projected to Postgres and the audit trail.
 */
export async function rectificationItemWorkflow(input: RectificationItemInput): Promise<ItemState> {
  const { facts, ladder } = input;
  const carriedOver = input.state !== undefined;
  let state: ItemState =
    input.state ??
    newItemState({
      deadlines: input.deadlines,
      responsibleUnit: facts.responsibleUnit,
      responsiblePersonId: input.responsiblePersonId,
      verifierId: facts.verifierId,
    });
  let registered = carriedOver;
  // Webhook deliveries run beside the ladder (a receiver that is down must not hold escalations back).
  const deliveries = new Deliveries(deliverNotifications);
  deliveries.send(input.undelivered ?? []);
  let changed = false;
  const result = (): CommandResult => ({ version: state.version, status: state.status });

  const project = async (next: ItemState, event: TimelineEvent, actor: Actor) => {
    const before = state;
    state = next;
    changed = true;
    if (patched(PROJECT_CHANGES_PATCH))
      await projectRectification({
        itemId: facts.itemId,
        status: next.status,
        change: stateChange(before, next),
        event,
        actor,
      });
    else await projectRectification({ facts, state: next, event, actor });
  };

  setHandler(itemStateQuery, () => state);
  setHandler(itemRegisteredUpdate, async () => {
    await condition(() => registered);
    return result();
  });
  setHandler(
    itemCommandUpdate,
    async ({ command, actor }) => {
      const decision = decide(state, command, actor, workflowNowIso());
      if (!decision.ok)
        throw ApplicationFailure.create({
          type: decision.code,
          message: decision.reason,
          nonRetryable: true,
        });
      await project(decision.state, decision.event, actor);
      return result();
    },
    {
      validator: ({ command, actor }: { command: ItemCommand; actor: Actor }) => {
        const decision = decide(state, command, actor, workflowNowIso());
        if (!decision.ok)
          throw ApplicationFailure.create({
            type: decision.code,
            message: decision.reason,
            nonRetryable: true,
          });
      },
    },
  );

  // An item from an existing ledger: the steps passed before registration are passed over but the
  // highest, which the loop below then fires at once (libs/domain rectification/existing-item.ts).
  let passedOver: number[] = [];
  if (!carriedOver && input.existing === true && patched(EXISTING_ITEM_PATCH)) {
    passedOver = catchUpEscalation(ladder, state, workflowNowIso()).passedOver;
    state = passOver(state, passedOver);
  }

  if (!carriedOver) {
    await projectRectification({
      facts,
      state,
      actor: input.registeredBy,
      event: {
        type: 'register',
        at: workflowNowIso(),
        actor: input.registeredBy,
        summary: input.existing === true ? '导入已有台账中的问题，继续整改' : '登记问题，下达整改任务',
        reason: null,
        data: {
          deadlines: state.deadlines,
          responsiblePersonId: state.responsiblePersonId,
          ...(input.existing === true ? { existing: true, passedOverLevels: passedOver } : {}),
        },
      },
    });
    registered = true;
  }

  for (;;) {
    if (historyTooLong()) {
      const undelivered = await deliveries.handOver();
      await condition(allHandlersFinished);
      await continueAsNew<typeof rectificationItemWorkflow>({ ...input, state, undelivered });
    }
    changed = false;
    if (state.status === 'closed') {
      // Stays open to re-check for a while, then completes with its final state.
      const reopened = await condition(() => changed, RECHECK_WINDOW);
      if (!reopened) break;
      continue;
    }
    const due = nextEscalation(ladder, state);
    if (!due) {
      await condition(() => changed);
      continue;
    }
    const wait = due.dueAt.getTime() - workflowNow().getTime();
    if (wait > 0 && (await condition(() => changed, wait))) continue;

    const { fire, passedOver } = patched(FIRE_HIGHEST_DUE_STEP)
      ? catchUpEscalation(ladder, state, workflowNowIso())
      : { fire: due.step, passedOver: [] };
    const step = fire ?? due.step;
    const fired = fireEscalation(state, step, workflowNowIso(), stepsAt(ladder, passedOver));
    state = fired.state;
    log.info('escalation fired', { level: step.level, kind: step.kind, passedOver });
    const { notificationIds } = await issueEscalation({
      facts,
      state,
      event: fired.event,
      step,
      arming: state.extensionsApproved + state.reopenCount,
    });
    deliveries.send(notificationIds);
  }
  await deliveries.all();
  await condition(allHandlersFinished);
  return state;
}
