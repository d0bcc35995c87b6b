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
import { showDeadlineProse, showInstant } from '../../libs/domain/src/time/deadline-display';
import type { DocumentSettings } from '../../libs/database/src/documents/document-numbers';
import { activePeopleWithRole } from '../notifications/recipients';
import { appendCampaignChange, createCampaignEscalationActivities } from './campaign-escalation.activities';

export interface CampaignTaskProjection {
  campaignId: string;
  state: TaskState;
  event: TaskEvent;
  actor: Actor;
}

/** Who hears of a change: the command center (a submission) or the lead unit (everything it must act on). */
type Audience = 'command-center' | 'lead-unit';
interface TaskNotice {
  kind: string;
  audience: Audience;
  title: string;
  body: string;
}

/** The people told of each kind of change, and what they are told; none for the other changes. */
function noticeFor({ state, event }: CampaignTaskProjection): TaskNotice | null {
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
 * retried or late call changes nothing and returns the notifications still to deliver.
 */
async function project(manager: EntityManager, input: CampaignTaskProjection): Promise<string[]> {
  const { campaignId, state, event, actor } = input;
  const { task } = state;
  const rows = new CampaignTaskProjectionQueries(manager);
  const notices = new CampaignNoticeQueries(manager);
  const current = await rows.lockTaskVersion(campaignId, task.key);
  // The campaign workflow's launch projection inserts the row; it may still be in flight: retry.
  if (current === undefined)
    throw new Error(`campaign task ${campaignId}/${task.key} is not in the read model yet`);
  if (current < state.version)
    await rows.updateTask(campaignId, state, {
      escalationLevel: taskEscalationLevel(state),
      awaitingLeader: awaitingLeaderOf(state),
    });
  const notice = noticeFor(input);
  const dedupeKey = `campaign-task:${campaignId}:${task.key}:v${state.version}`;
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
    async projectCampaignTask(input: CampaignTaskProjection): Promise<{ notificationIds: string[] }> {
      return { notificationIds: await dataSource.transaction((manager) => project(manager, input)) };
    },

    /**
     * A pace check that found the task behind (or back on pace): the projection of its
     * `pace-warning` event; a warning (`data.warned`) also tells the lead unit's department people.
     */
    async issuePaceWarning(input: CampaignTaskProjection): Promise<{ notificationIds: string[] }> {
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
