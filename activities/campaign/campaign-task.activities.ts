import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { linkedProgress } from '../../libs/database/src/campaign/campaign-progress-rows';
import type { MeasureSpec } from '../../libs/domain/src/campaign/campaign-plan';
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
import {
  appendCampaignChange,
  createCampaignEscalationActivities,
  undelivered,
} from './campaign-escalation.activities';

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

const linkedIds = (measure: MeasureSpec) => ({
  ledger: typeof measure === 'object' && 'ledger' in measure ? measure.ledger : null,
  programme: typeof measure === 'object' && 'programme' in measure ? measure.programme : null,
});

/**
 * Writes one change of a campaign task into the read model, in one transaction: the task row (only
 * if this version is newer than the stored one), its timeline entry, and — the first time this
 * version arrives — the audit entry, the change-feed row (with NOTIFY) and the notifications. A
 * retried or late call changes nothing and returns the notifications still to deliver.
 */
async function project(manager: EntityManager, input: CampaignTaskProjection): Promise<string[]> {
  const { campaignId, state, event, actor } = input;
  const { task } = state;
  const [current] = await manager.query<Array<{ version: number }>>(
    `SELECT version FROM campaign_task WHERE campaign_id = $1 AND key = $2 FOR NO KEY UPDATE`,
    [campaignId, task.key],
  );
  // The campaign workflow's launch projection inserts the row; it may still be in flight: retry.
  if (!current) throw new Error(`campaign task ${campaignId}/${task.key} is not in the read model yet`);
  const linked = linkedIds(task.measure);
  if (current.version < state.version) {
    await manager.query(
      `UPDATE campaign_task SET name = $3, lead_unit = $4, cooperating_units = $5, depends_on = $6, measure = $7,
         linked_ledger_id = $8, linked_programme_id = $9, target_quantity = $10, target_unit = $11, pace = $12,
         status = $13, deadline = $14, original_deadline = $15, quantity_done = $16, percent_done = $17,
         escalation_level = $18, behind_pace = $19, submitted_at = $20, accepted_at = $21, closed_at = $22,
         return_count = $23, paused_ms = $24, workflow_id = $25, state = $26, version = $27,
         awaiting_leader = $28, updated_at = now()
       WHERE campaign_id = $1 AND key = $2 AND version < $27`,
      [
        campaignId,
        task.key,
        task.name,
        task.lead,
        task.cooperating,
        task.dependsOn,
        JSON.stringify(task.measure),
        linked.ledger,
        linked.programme,
        task.target?.quantity ?? null,
        task.target?.unit ?? null,
        task.pace ? JSON.stringify(task.pace) : null,
        state.status,
        state.deadline,
        state.originalDeadline,
        state.quantityDone,
        state.percentDone,
        taskEscalationLevel(state),
        state.behindPace,
        state.submittedAt,
        state.acceptedAt,
        state.closedAt,
        state.returnCount,
        state.pausedMs,
        `campaign-task:${campaignId}:${task.key}`,
        JSON.stringify(state),
        state.version,
        awaitingLeaderOf(state),
      ],
    );
  }
  const notice = noticeFor(input);
  const dedupeKey = `campaign-task:${campaignId}:${task.key}:v${state.version}`;
  const inserted = await manager.query<Array<{ version: number }>>(
    `INSERT INTO campaign_task_event (campaign_id, task_key, version, at, type, actor_id, actor_name, summary, reason, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING version`,
    [
      campaignId,
      task.key,
      state.version,
      event.at,
      event.type,
      event.actor.id,
      event.actor.name,
      event.summary,
      event.reason,
      JSON.stringify(event.data),
    ],
  );
  if (inserted.length === 0) return notice ? undelivered(manager, dedupeKey) : [];
  if (event.type === 'leader-decision') {
    // The decision goes on the step's latest notice (a re-armed ladder issues new ones).
    await manager.query(
      `UPDATE campaign_escalation SET leader_decision = $4, decided_by = $5, decided_at = $6
        WHERE campaign_id = $1 AND subject = $2 AND level = $3
          AND arming = (SELECT max(arming) FROM campaign_escalation WHERE campaign_id = $1 AND subject = $2 AND level = $3)`,
      [campaignId, `task:${task.key}`, event.data.level, event.data.decision, actor.name, event.at],
    );
  }

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
    await manager.query(
      `INSERT INTO notification (recipient_id, dedupe_key, kind, title, body, subject)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (recipient_id, dedupe_key) DO NOTHING`,
      [
        recipientId,
        dedupeKey,
        notice.kind,
        notice.title,
        notice.body,
        `campaign-task:${campaignId}:${task.key}`,
      ],
    );
  }
  return undelivered(manager, dedupeKey);
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
      return linkedProgress(dataSource.manager, measure);
    },
  };
}
