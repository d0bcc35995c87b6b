import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { CampaignNoticeQueries } from '../../libs/database/src/campaign/campaign-notice.queries';
import { CampaignProgressQueries } from '../../libs/database/src/campaign/campaign-progress.queries';
import { CampaignTaskProjectionQueries } from '../../libs/database/src/campaign/campaign-task-projection.queries';
import {
  TASK_STATUS_LABELS,
  type TaskEvent,
  type TaskState,
} from '../../libs/domain/src/campaign/campaign-task';
import { awaitingLeaderOf, taskEscalationLevel } from '../../libs/domain/src/campaign/task-process';
import type { Actor } from '../../libs/domain/src/process/actor';
import { applyStateChange, type StateChange } from '../../libs/domain/src/process/state-change';
import { showDeadlineProse, showInstant } from '../../libs/domain/src/time/deadline-display';
import type { DocumentSettings } from '../../libs/database/src/documents/document-numbers';
import { activePeopleWithRole } from '../notifications/recipients';
import { appendCampaignChange, createCampaignEscalationActivities } from './campaign-escalation.activities';

/** A task's whole state: how its launch is projected (and every step of a run from before changes). */
export interface CampaignTaskProjection {
  campaignId: string;
  state: TaskState;
  event: TaskEvent;
  actor: Actor;
}

/** A step's change of a task's state: how every step after the launch is projected. */
export interface CampaignTaskChangeProjection {
  campaignId: string;
  taskKey: string;
  change: StateChange<TaskState>;
  event: TaskEvent;
  actor: Actor;
}

type TaskProjectionInput = CampaignTaskProjection | CampaignTaskChangeProjection;

/** Who hears of a change: the command center (a submission) or the lead unit (everything it must act on). */
type Audience = 'command-center' | 'lead-unit';
interface TaskNotice {
  kind: string;
  audience: Audience;
  title: string;
  body: string;
}

/** The people told of each kind of change, and what they are told; none for the other changes. */
function noticeFor({ state, event }: { state: TaskState; event: TaskEvent }): TaskNotice | null {
  const { task } = state;
  const name = `${task.name}（${task.key}）`;
  const deadline = `期限 ${showDeadlineProse(state.deadline)}`;
  switch (event.type) {
    case 'submit':
      return {
        kind: 'campaign.task.submitted',
        audience: 'command-center',
        title: `任务待验收：${name}`,
        body: `牵头单位已报请验收。${event.summary}。${deadline}。`,
      };
    case 'accept':
      return {
        kind: 'campaign.task.accepted',
        audience: 'lead-unit',
        title: `任务已验收：${name}`,
        body: `指挥部已验收通过。${event.summary}。`,
      };
    case 'return':
      return {
        kind: 'campaign.task.returned',
        audience: 'lead-unit',
        title: `任务被退回：${name}`,
        body: `退回原因：${event.reason ?? ''}。请继续推进后重新报请验收，${deadline}。`,
      };
    case 'extend':
      return {
        kind: 'campaign.task.extended',
        audience: 'lead-unit',
        title: `任务期限已调整：${name}`,
        body: `新的${deadline}。理由：${event.reason ?? ''}。`,
      };
    case 'pace-warning':
      return event.data.warned === true
        ? {
            kind: 'campaign.task.pace-warning',
            audience: 'lead-unit',
            title: `序时进度预警：${name}`,
            body: `截至 ${showInstant(event.at)}，应完成 ${String(event.data.expectedPercent)}%，实际完成 ${String(
              event.data.actualPercent,
            )}%，落后 ${String(event.data.gap)} 个百分点，请加快推进。${deadline}。`,
          }
        : null;
    default:
      return null;
  }
}

/**
 * Writes one change of a campaign task into the read model, in one transaction: the task row (only
 * if this version is newer than the stored one), its timeline entry, and — the first time this
 * version arrives — the audit entry, the change-feed row (with NOTIFY) and the notifications. A
 * retried or late call changes nothing and returns the notifications still to deliver. A change is
 * applied to the stored state of the version before; one that arrives before that version is
 * stored is retried until it is.
 */
async function project(manager: EntityManager, input: TaskProjectionInput): Promise<string[]> {
  const { campaignId, event, actor } = input;
  const taskKey = 'change' in input ? input.taskKey : input.state.task.key;
  const version = 'change' in input ? input.change.to : input.state.version;
  const rows = new CampaignTaskProjectionQueries(manager);
  const notices = new CampaignNoticeQueries(manager);
  const dedupeKey = `campaign-task:${campaignId}:${taskKey}:v${version}`;
  const stored = await rows.lockTaskState(campaignId, taskKey);
  // The campaign workflow's launch projection inserts the row; it may still be in flight: retry.
  if (stored === undefined)
    throw new Error(`campaign task ${campaignId}/${taskKey} is not in the read model yet`);
  let state: TaskState;
  if ('change' in input) {
    const { change } = input;
    if (stored.state === null || stored.version < change.from)
      throw ApplicationFailure.retryable(
        `campaign task ${campaignId}/${taskKey} is stored at version ${stored.version}: the change to version ${change.to} waits for version ${change.from}`,
        'ProjectionAhead',
      );
    // Stored already (its timeline entry was written with it): only what is left to deliver.
    if (stored.version >= change.to) return notices.undelivered(dedupeKey);
    state = applyStateChange(stored.state, change);
  } else state = input.state;
  const { task } = state;
  if (stored.version < state.version)
    await rows.updateTask(campaignId, state, {
      escalationLevel: taskEscalationLevel(state),
      awaitingLeader: awaitingLeaderOf(state),
    });
  const notice = noticeFor({ state, event });
  const inserted = await rows.insertEvent(campaignId, task.key, state.version, event);
  if (!inserted) return notice ? notices.undelivered(dedupeKey) : [];
  if (event.type === 'leader-decision')
    await rows.recordLeaderDecision(campaignId, task.key, {
      level: event.data.level,
      decision: event.data.decision,
      decidedBy: actor.name,
      at: event.at,
    });

  await appendAudit(manager, actor, {
    action: `campaign-task.${event.type}`,
    subject: `campaign-task:${campaignId}:${task.key}`,
    after: { status: state.status, version: state.version, deadline: state.deadline, ...event.data },
    reason: event.reason,
  });
  await appendCampaignChange(manager, {
    campaignId,
    at: event.at,
    kind: 'task',
    taskKey: task.key,
    dedupeKey: `task:${task.key}:v${state.version}`,
    payload: {
      key: task.key,
      name: task.name,
      status: state.status,
      statusLabel: TASK_STATUS_LABELS[state.status],
      deadline: state.deadline,
      quantityDone: state.quantityDone,
      percentDone: state.percentDone,
      targetQuantity: task.target?.quantity ?? null,
      escalationLevel: taskEscalationLevel(state),
      behindPace: state.behindPace,
      closed: state.closedAt !== null,
      version: state.version,
      eventType: event.type,
      summary: event.summary,
    },
  });
  if (!notice) return [];
  const recipients =
    notice.audience === 'command-center'
      ? await activePeopleWithRole(manager, 'command-center')
      : await activePeopleWithRole(manager, 'department', [task.lead]);
  for (const recipientId of [...new Set(recipients)].sort()) {
    await notices.notifyOnce({
      recipientId,
      dedupeKey,
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      subject: `campaign-task:${campaignId}:${task.key}`,
    });
  }
  return notices.undelivered(dedupeKey);
}

export function createCampaignTaskActivities(dataSource: DataSource, documents: DocumentSettings = {}) {
  return {
    ...createCampaignEscalationActivities(dataSource, documents),

    /** One change of a task: row, timeline, audit, change feed and notifications, at most once. */
    async projectCampaignTask(input: TaskProjectionInput): Promise<{ notificationIds: string[] }> {
      return { notificationIds: await dataSource.transaction((manager) => project(manager, input)) };
    },

    /**
     * A pace check that found the task behind (or back on pace): the projection of its
     * `pace-warning` event; a warning (`data.warned`) also tells the lead unit's department people.
     */
    async issuePaceWarning(input: TaskProjectionInput): Promise<{ notificationIds: string[] }> {
      if (input.event.type !== 'pace-warning')
        throw ApplicationFailure.create({
          type: 'InvalidProjection',
          message: `issuePaceWarning projects pace-warning events, not ${input.event.type}`,
          nonRetryable: true,
        });
      return { notificationIds: await dataSource.transaction((manager) => project(manager, input)) };
    },

    /** Done and total of a linked measure: ledger items closed, programme households moved in. */
    async readLinkedTaskProgress({
      measure,
    }: {
      measure: { ledger: string } | { programme: string };
    }): Promise<{ done: number; total: number }> {
      return new CampaignProgressQueries(dataSource.manager).linkedProgress(measure);
    },
  };
}
