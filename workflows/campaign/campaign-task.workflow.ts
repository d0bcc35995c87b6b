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
import {
  CampaignCommandResult,
  CampaignTaskWorkflowInput,
  taskCloseSignal,
  taskCommandUpdate,
  taskPauseSignal,
  taskResumeSignal,
  taskReviseSignal,
  taskStateQuery,
} from '../../libs/contracts/src/campaign/campaign';
import type { TaskCommand, TaskEvent, TaskState } from '../../libs/domain/src/campaign/campaign-task';
import {
  effectiveDeadline,
  expectedShare,
  isBehindPace,
  mayWarnPace,
  measuredPercent,
  nextPaceCheck,
  paceApplies,
} from '../../libs/domain/src/campaign/pace';
import {
  closeTask,
  decideTask,
  TASK_RULES,
  TaskRules,
  catchUpTaskEscalation,
  fireTaskEscalation,
  newTaskState,
  nextTaskEscalation,
  PACE_ACTOR,
  pauseTask,
  recordPace,
  resumeTask,
  reviseTask,
} from '../../libs/domain/src/campaign/task-process';
import { stepsAt, type EscalationStep } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
import { stateChange } from '../../libs/domain/src/process/state-change';
import { formatCst } from '../../libs/domain/src/time/china-time';
import { showDeadlineProse } from '../../libs/domain/src/time/deadline-display';
import { Deliveries } from '../common/deliveries';
import { workflowNow, workflowNowIso } from '../common/workflow-time';

/**
 * Patch id: a step's projection carries what the step changed (libs/domain process/state-change.ts),
 * not the task's whole state, so the history grows by the change with every step. The launch still
 * carries the whole state: the read model has none to apply a change to before it.
 */
const PROJECT_CHANGES_PATCH = 'project-changes';

/**
 * Patch id: a task woken for a ladder step fires the highest of the steps due by then and passes
 * over the ones below it (`catchUpTaskEscalation`), instead of firing each in turn after the worker
 * was down, or where a plan's ladder puts two steps at the same offset.
 */
const FIRE_HIGHEST_DUE_STEP = 'task-fires-highest-due-step';

const { projectCampaignTask, issueCampaignEscalation, issuePaceWarning, readLinkedTaskProgress } =
  proxyActivities<Activities>({
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
 * One key task (重点任务) of a running campaign, from launch to the campaign's close: the source of
 * truth for where it stands. The lead unit's and the command center's steps arrive as the `command`
 * update, checked by the task rules before anything is written; plan changes, pause, resume and
 * close arrive as signals from the campaign workflow. A task not accepted by its deadline climbs the
 * plan's escalation ladder; a task with a quantity target or a linked ledger or programme is checked
 * against its expected pace (序时进度) every morning and warned before its deadline. Every change is
 * projected to Postgres (row, timeline, audit, change feed, notifications).
 */
export async function campaignTaskWorkflow(input: CampaignTaskWorkflowInput): Promise<TaskState> {
  const { campaignId, ladder, paceMargin, windowStart } = input;
  const carriedOver = input.state !== undefined;
  let state: TaskState = input.state ?? newTaskState(input.task);
  // A signal or update delivered with the start runs when its handler is set, before the launch is
  // written: the launch must be the task as launched, or it takes the step's version and one is lost.
  const launchedState = state;
  let changed = false;
  // Webhook deliveries run beside the ladder (a receiver that is down must not hold escalations back).
  const deliveries = new Deliveries(deliverNotifications);
  deliveries.send(input.undelivered ?? []);
  const deliver = (notificationIds: string[]) => {
    deliveries.send(notificationIds);
  };

  type Step = { state: TaskState; event: TaskEvent };
  /** What a step's projection carries: the change from the state before it, or (launch, old runs) the whole state. */
  const projection = (next: Step, actor: Actor, before?: TaskState) =>
    before && patched(PROJECT_CHANGES_PATCH)
      ? {
          campaignId,
          taskKey: next.state.task.key,
          change: stateChange(before, next.state),
          event: next.event,
          actor,
        }
      : { campaignId, state: next.state, event: next.event, actor };
  const write = async (next: Step, actor: Actor, before?: TaskState) => {
    const { notificationIds } = await projectCampaignTask(projection(next, actor, before));
    deliver(notificationIds);
  };
  // A moved deadline (extension, plan change) clears the fired steps: the ladder is armed afresh.
  let rearmed = input.rearmed ?? 0;
  const apply = async (next: Step, actor: Actor) => {
    const before = state;
    if (before.firedLevels.some((level) => !next.state.firedLevels.includes(level))) rearmed += 1;
    state = next.state;
    changed = true;
    await write(next, actor, before);
  };
  /**
   * The validator (never run on replay) refuses an extension after the deadline; the handler applies
   * that rule only under the patch, so a history where such an extension was accepted still replays.
   */
  const decide = (command: TaskCommand, actor: Actor, rules: TaskRules = TASK_RULES) =>
    decideTask(state, command, actor, workflowNowIso(), rules);
  const handlerRules = (command: TaskCommand): TaskRules =>
    command.type === 'extend' ? { extendOnlyBeforeDeadline: patched('extend-before-deadline') } : TASK_RULES;
  const refuseIfIllegal = (decision: ReturnType<typeof decide>) => {
    if (!decision.ok)
      throw ApplicationFailure.create({ type: decision.code, message: decision.reason, nonRetryable: true });
    return decision;
  };

  setHandler(taskStateQuery, () => state);
  setHandler(
    taskCommandUpdate,
    async ({ command, actor }): Promise<CampaignCommandResult> => {
      const decision = refuseIfIllegal(decide(command, actor, handlerRules(command)));
      await apply(decision, actor);
      return { version: decision.state.version, status: decision.state.status };
    },
    {
      validator: ({ command, actor }: { command: TaskCommand; actor: Actor }) => {
        refuseIfIllegal(decide(command, actor));
      },
    },
  );
  // Signals cannot be refused: one that no longer applies (a second pause, a late revision) is dropped.
  setHandler(taskReviseSignal, async ({ task, actor, reason }) => {
    if (state.closedAt !== null) return;
    await apply(reviseTask(state, task, actor, reason, workflowNowIso()), actor);
  });
  setHandler(taskPauseSignal, async ({ actor, reason }) => {
    if (state.closedAt !== null || state.paused) return;
    await apply(pauseTask(state, actor, reason, workflowNowIso()), actor);
  });
  setHandler(taskResumeSignal, async ({ actor, reason }) => {
    if (state.closedAt !== null || !state.paused) return;
    await apply(resumeTask(state, actor, reason, workflowNowIso()), actor);
  });
  setHandler(taskCloseSignal, async ({ actor }) => {
    if (state.closedAt !== null) return;
    await apply(closeTask(state, actor, workflowNowIso()), actor);
  });

  if (!carriedOver) {
    const launched = patched('launch-written-as-launched') ? launchedState : state;
    const { task } = launched;
    await write(
      {
        state: launched,
        event: {
          type: 'launch',
          at: workflowNowIso(),
          actor: input.launchedBy,
          summary: `下达任务：${task.name}`,
          reason: null,
          data: {
            lead: task.lead,
            cooperating: task.cooperating,
            deadline: launched.deadline,
            target: task.target,
            measure: task.measure,
          },
        },
      },
      input.launchedBy,
    );
  }

  const escalate = async (step: EscalationStep, passedOver: readonly EscalationStep[] = []) => {
    const before = state;
    const fired = fireTaskEscalation(state, step, workflowNowIso(), passedOver);
    state = fired.state;
    const { task } = state;
    log.info('campaign task escalation fired', { task: task.key, level: step.level, kind: step.kind });
    const { notificationIds } = await issueCampaignEscalation({
      campaignId,
      subject: `task:${task.key}`,
      units: [task.lead],
      step,
      arming: rearmed,
      title: `${step.label}：${task.name}（${task.key}）`,
      // A date deadline reads as the day written (2026年12月15日), not the next midnight.
      body: `任务「${task.name}」期限 ${
        patched('deadline-shown-as-written')
          ? showDeadlineProse(state.deadline)
          : formatCst(new Date(state.deadline))
      }，尚未完成验收：${step.label}${step.leaderMustAct ? '，请领导作出决定' : ''}。`,
      at: fired.event.at,
    });
    deliver(notificationIds);
    await write(fired, fired.event.actor, before);
  };

  const checkPace = async () => {
    const { task, quantityDone } = state;
    // A linked task's progress is read from the ledger or programme (an activity); a reported one's is in the state.
    const linked =
      task.measure === 'reported' ? null : await readLinkedTaskProgress({ measure: task.measure });
    const actualPercent = measuredPercent(task, quantityDone, linked);
    // Nothing to measure against, or the task changed (paused, submitted) while its progress was read.
    if (actualPercent === null || !paceApplies(state)) return;
    const now = workflowNow();
    const expected = expectedShare(state.task, windowStart, state.deadline, now, state.pausedMs);
    const behind = isBehindPace(expected, actualPercent, paceMargin, now, effectiveDeadline(state));
    const reading = { expected, actualPercent, at: now.toISOString() };
    const before = state;
    if (behind && mayWarnPace(state.paceWarnedAt, now)) {
      const next = recordPace(state, { ...reading, behind, warned: true });
      state = next.state;
      log.info('campaign task behind pace', { task: state.task.key, ...next.event.data });
      const { notificationIds } = await issuePaceWarning(projection(next, PACE_ACTOR, before));
      deliver(notificationIds);
    } else if (behind !== state.behindPace) {
      const next = recordPace(state, { ...reading, behind, warned: false });
      state = next.state;
      await write(next, PACE_ACTOR, before);
    }
  };

  // When the next pace check is due (kept across wake-ups, so a change in between does not skip it).
  let paceAt: number | null = null;
  for (;;) {
    if (workflowInfo().continueAsNewSuggested) {
      const undelivered = await deliveries.handOver();
      await condition(allHandlersFinished);
      await continueAsNew<typeof campaignTaskWorkflow>({ ...input, state, rearmed, undelivered });
    }
    if (state.closedAt !== null) break;
    changed = false;
    const due = nextTaskEscalation(state, ladder);
    paceAt = paceApplies(state) ? (paceAt ?? nextPaceCheck(workflowNow()).getTime()) : null;
    const pace = paceAt !== null && paceAt < Date.parse(effectiveDeadline(state)) ? paceAt : Infinity;
    const wakeAt = Math.min(due ? due.dueAt.getTime() : Infinity, pace);
    if (wakeAt === Infinity) {
      await condition(() => changed);
      continue;
    }
    const wait = wakeAt - workflowNow().getTime();
    if (wait > 0 && (await condition(() => changed, wait))) continue;

    if (due && due.dueAt.getTime() <= workflowNow().getTime()) {
      if (patched(FIRE_HIGHEST_DUE_STEP)) {
        const { fire, passedOver } = catchUpTaskEscalation(state, ladder, workflowNow());
        await escalate(fire ?? due.step, stepsAt(ladder, passedOver));
      } else await escalate(due.step);
    } else {
      paceAt = nextPaceCheck(workflowNow()).getTime();
      await checkPace();
    }
  }
  await deliveries.all();
  await condition(allHandlersFinished);
  return state;
}
