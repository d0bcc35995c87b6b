import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, type SignalDefinition } from '@temporalio/common';
import type { Activities } from '../../activities';
import { Deliveries } from '../common/deliveries';
import { workflowNow, workflowNowIso } from '../common/workflow-time';
import {
  CampaignCommand,
  campaignCommandUpdate,
  CampaignCommandResult,
  campaignLaunchedUpdate,
  campaignStateQuery,
  campaignTaskWorkflowId,
  CampaignWorkflowInput,
  taskCloseSignal,
  taskPauseSignal,
  taskResumeSignal,
  taskReviseSignal,
} from '../../libs/contracts/src/campaign/campaign';
import type { ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import type { CampaignState } from '../../libs/domain/src/campaign/campaign-process';
import {
  catchUpPledgeEscalation,
  decideCampaign,
  firePledgeEscalation,
  markCadence,
  newCampaignState,
  nextCadence,
  nextPledgeEscalation,
  type CampaignEvent,
} from '../../libs/domain/src/campaign/campaign-rules';
import { planChange } from '../../libs/domain/src/campaign/plan-change';
import { stepsAt } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
import type { campaignTaskWorkflow } from './campaign-task.workflow';

/**
 * Patch id: a campaign woken for a pledge-ladder step fires the highest of the steps due by then and
 * passes over the ones below it (`catchUpPledgeEscalation`), as tasks, items and households do.
 */
const PLEDGE_FIRES_HIGHEST_DUE_STEP = 'pledge-fires-highest-due-step';

const {
  projectCampaignLaunch,
  projectCampaign,
  closeCampaign,
  issueCampaignEscalation,
  sendCampaignReminder,
} = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['InvalidProjection'],
  },
});

// A due bulletin is never skipped: publishing is retried until the database takes it.
const { publishCampaignBulletin } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
});

// Webhook delivery retries for as long as it takes (never lost); each attempt is idempotent.
const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 hour', backoffCoefficient: 2 }, // no attempt limit
});

/**
 * One campaign (攻坚行动) from launch to close: the source of truth for its state. On launch it
 * projects the campaign, its pledges and its tasks, then starts one child workflow per task that
 * is not a group. The command center's steps (pledges, plan changes, pause, resume, close) arrive
 * as the `command` update, checked by `decideCampaign`; pledges missing after their deadline are
 * escalated on the plan's ladder; weekly bulletins and the dispatch and monthly reminders are
 * durable timers that stop while paused and when the campaign closes. Children are addressed by
 * their workflow id (they outlive a continue-as-new of this workflow).
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignState> {
  const { campaignId } = input;
  const carriedOver = input.state !== undefined;
  let state: CampaignState = input.state ?? newCampaignState(input.plan, input.planVersion, workflowNowIso());
  let launched = carriedOver;
  let changed = false;
  let pledgeRearmed = input.pledgeRearmed ?? 0;
  const deliveries = new Deliveries(deliverNotifications);
  deliveries.send(input.undelivered ?? []);
  const result = (): CampaignCommandResult => ({ version: state.version, status: state.status });
  const deliver = ({ notificationIds }: { notificationIds: string[] }) => {
    deliveries.send(notificationIds);
  };

  const closed = () => state.status === 'closed';
  /** The tasks that run a workflow of their own (groups do not), in plan order. */
  const runningTasks = () => state.plan.tasks.filter((task) => !task.isGroup);

  const startTasks = async (tasks: ResolvedTask[]) => {
    await Promise.all(
      tasks
        .filter((task) => !task.isGroup)
        .map(async (task) => {
          const workflowId = campaignTaskWorkflowId(campaignId, task.key);
          try {
            await startChild<typeof campaignTaskWorkflow>('campaignTaskWorkflow', {
              workflowId,
              args: [
                {
                  campaignId,
                  task,
                  windowStart: state.plan.window.start,
                  ladder: state.plan.ladder,
                  paceMargin: state.plan.paceMargin,
                  launchedBy: input.launchedBy,
                },
              ],
              parentClosePolicy: ParentClosePolicy.ABANDON,
            });
          } catch (error) {
            // Already running (started before a reset of this workflow): it carries on as it is.
            if (error instanceof WorkflowExecutionAlreadyStartedError) {
              log.warn('campaign task already running', { workflowId });
              return;
            }
            throw error;
          }
        }),
    );
  };

  /** Signals task workflows by id; a task that has already completed is skipped. */
  const signalTasks = async <Args extends unknown[]>(
    tasks: ResolvedTask[],
    signal: SignalDefinition<Args>,
    args: (task: ResolvedTask) => Args,
  ) => {
    await Promise.all(
      tasks
        .filter((task) => !task.isGroup)
        .map(async (task) => {
          const workflowId = campaignTaskWorkflowId(campaignId, task.key);
          try {
            await getExternalWorkflowHandle(workflowId).signal(signal, ...args(task));
          } catch (error) {
            log.warn('campaign task not signalled', {
              workflowId,
              signal: signal.name,
              error: error instanceof Error ? error.message : String(error),
            });
          }
        }),
    );
  };

  const refuse = (code: string, reason: string) =>
    ApplicationFailure.create({ type: code, message: reason, nonRetryable: true });

  setHandler(campaignStateQuery, () => state);
  setHandler(campaignLaunchedUpdate, async () => {
    await condition(() => launched);
    return result();
  });
  setHandler(
    campaignCommandUpdate,
    async ({ command, actor }) => {
      const before = state;
      const decision = decideCampaign(before, command, actor, workflowNowIso());
      if (!decision.ok) throw refuse(decision.code, decision.reason);
      const change = command.type === 'apply-plan' ? planChange(before.plan, command.plan) : undefined;
      // Units named for the first time re-arm the pledge ladder: its steps then issue new notices.
      if (before.pledgeFiredLevels.some((level) => !decision.state.pledgeFiredLevels.includes(level)))
        pledgeRearmed += 1;
      state = decision.state;
      changed = true;
      await projectCampaign({
        campaignId,
        state: decision.state,
        event: decision.event,
        actor,
        ...(change ? { added: change.added, revised: change.revised } : {}),
      });
      switch (command.type) {
        case 'apply-plan':
          if (change) {
            await startTasks(change.added);
            await signalTasks(change.revised, taskReviseSignal, (task) => [
              { task, actor, reason: command.reason },
            ]);
          }
          break;
        case 'pause':
          await signalTasks(runningTasks(), taskPauseSignal, () => [{ actor, reason: command.reason }]);
          break;
        case 'resume':
          await signalTasks(runningTasks(), taskResumeSignal, () => [{ actor, reason: command.reason }]);
          break;
        case 'close':
          await signalTasks(runningTasks(), taskCloseSignal, () => [{ actor }]);
          await closeCampaign({ campaignId, closedAt: decision.state.closedAt ?? workflowNowIso(), actor });
          break;
        case 'pledge':
          break;
      }
      changed = true;
      return result();
    },
    {
      validator: ({ command, actor }: { command: CampaignCommand; actor: Actor }) => {
        const decision = decideCampaign(state, command, actor, workflowNowIso());
        if (!decision.ok) throw refuse(decision.code, decision.reason);
      },
    },
  );

  if (!carriedOver) {
    await projectCampaignLaunch({
      campaignId,
      planVersion: input.planVersion,
      plan: input.plan,
      state,
      actor: input.launchedBy,
    });
    // The API answers the launch once every task workflow accepts steps.
    await startTasks(state.plan.tasks);
    launched = true;
  }

  const project = async (event: CampaignEvent) => {
    await projectCampaign({ campaignId, state, event, actor: event.actor });
  };

  for (;;) {
    // Closing: the close handler signals the tasks and writes the final report before this ends.
    if (closed()) break;
    if (workflowInfo().continueAsNewSuggested) {
      const undelivered = await deliveries.handOver();
      await condition(allHandlersFinished);
      if (closed()) break;
      await continueAsNew<typeof campaignWorkflow>({
        ...input,
        undelivered,
        planVersion: state.planVersion,
        plan: state.plan,
        state,
        pledgeRearmed,
      });
    }
    changed = false;
    const pledge = nextPledgeEscalation(state);
    const cadence = nextCadence(state);
    const dueAt = Math.min(
      pledge?.dueAt.getTime() ?? Number.POSITIVE_INFINITY,
      cadence?.dueAt.getTime() ?? Number.POSITIVE_INFINITY,
    );
    if (!Number.isFinite(dueAt)) {
      await condition(() => changed);
      continue;
    }
    const wait = dueAt - workflowNow().getTime();
    if (wait > 0) {
      // Woken by a change or the timer: the next due event is worked out afresh either way.
      await condition(() => changed, wait);
      continue;
    }

    if (pledge && pledge.dueAt.getTime() === dueAt) {
      const { fire, passedOver } = patched(PLEDGE_FIRES_HIGHEST_DUE_STEP)
        ? catchUpPledgeEscalation(state, workflowNow())
        : { fire: pledge.step, passedOver: [] };
      const step = fire ?? pledge.step;
      const fired = firePledgeEscalation(
        state,
        step,
        workflowNowIso(),
        stepsAt(state.plan.ladder, passedOver),
      );
      state = fired.state;
      log.info('pledge escalation fired', { level: step.level, units: pledge.units, passedOver });
      await project(fired.event);
      deliver(
        await issueCampaignEscalation({
          campaignId,
          subject: 'pledge',
          units: pledge.units,
          step,
          arming: pledgeRearmed,
          title: `${state.plan.name}：责任状逾期未签订（${step.label}）`,
          at: fired.event.at,
        }),
      );
      continue;
    }
    if (cadence) {
      const asOf = cadence.dueAt.toISOString();
      if (cadence.kind === 'bulletin') {
        const number = state.bulletinsPublished + 1;
        deliver(await publishCampaignBulletin({ campaignId, number, asOf }));
        log.info('campaign bulletin published', { number, asOf });
      } else {
        deliver(await sendCampaignReminder({ campaignId, kind: cadence.kind, dueAt: asOf }));
      }
      state = markCadence(state, cadence.kind, cadence.dueAt);
    }
  }
  await condition(allHandlersFinished);
  await deliveries.all();
  return state;
}
