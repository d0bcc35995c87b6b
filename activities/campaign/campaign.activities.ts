import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { campaignProgressRows } from '../../libs/database/src/campaign/campaign-progress-rows';
import type { ResolvedGoal, ResolvedPlan, ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import { CAMPAIGN_STATUS_LABELS, type CampaignState } from '../../libs/domain/src/campaign/campaign-process';
import {
  campaignBulletin,
  finalReport,
  taskProgress,
  type FinalReport,
} from '../../libs/domain/src/campaign/campaign-progress';
import type { CadenceKind, CampaignEvent } from '../../libs/domain/src/campaign/campaign-rules';
import { campaignTaskWorkflowId } from '../../libs/contracts/src/campaign/campaign';
import { escalationLevel } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/rectification/item-process';
import { cstDate, formatCst } from '../../libs/domain/src/time/china-time';
import { activePeopleWithRole } from '../notifications/recipients';
import { appendCampaignChange } from './campaign-escalation.activities';

export interface CampaignLaunchProjection {
  campaignId: string;
  planVersion: number;
  plan: ResolvedPlan;
  state: CampaignState;
  actor: Actor;
}

export interface CampaignProjection {
  campaignId: string;
  state: CampaignState;
  event: CampaignEvent;
  actor: Actor;
  /** apply-plan: tasks new in this version (rows inserted). */
  added?: ResolvedTask[];
  /** apply-plan: tasks whose plan fields changed (static columns updated; deadlines are the task workflow's). */
  revised?: ResolvedTask[];
}

export interface CloseCampaignInput {
  campaignId: string;
  closedAt: string;
  actor: Actor;
}

export interface PublishCampaignBulletinInput {
  campaignId: string;
  number: number;
  /** ISO instant the bulletin reports on: its due time. */
  asOf: string;
}

export interface CampaignReminderInput {
  campaignId: string;
  kind: Exclude<CadenceKind, 'bulletin'>;
  /** ISO due time of the reminder. */
  dueAt: string;
}

const SCHEDULE_ACTOR: Actor = { id: 'system:campaign', name: '系统（攻坚行动）', unit: null, roles: [] };

/** Inserts the read-model rows of tasks as the plan gives them; rows already there are left alone. */
async function insertTasks(manager: EntityManager, campaignId: string, tasks: ResolvedTask[]): Promise<void> {
  for (const task of tasks) {
    await manager.query(
      `INSERT INTO campaign_task (campaign_id, key, parent_key, ord, name, lead_unit, cooperating_units, is_group,
         depends_on, measure, linked_ledger_id, linked_programme_id, target_quantity, target_unit, pace,
         deadline, original_deadline, status, workflow_id, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 'in-progress', $17, 0)
       ON CONFLICT (campaign_id, key) DO NOTHING`,
      [
        campaignId,
        task.key,
        task.parentKey,
        task.order,
        task.name,
        task.lead,
        task.cooperating,
        task.isGroup,
        task.dependsOn,
        JSON.stringify(task.measure),
        linkedLedger(task),
        linkedProgramme(task),
        task.target?.quantity ?? null,
        task.target?.unit ?? null,
        task.pace ? JSON.stringify(task.pace) : null,
        task.deadline,
        task.isGroup ? null : campaignTaskWorkflowId(campaignId, task.key),
      ],
    );
  }
}

/**
 * Updates what the plan says of tasks (name, units, target, measure, pace, grouping, order): the
 * deadline, status and progress columns belong to the task workflow's projection. A group runs no
 * workflow, so its deadline follows the plan here.
 */
async function reviseTasks(manager: EntityManager, campaignId: string, tasks: ResolvedTask[]): Promise<void> {
  for (const task of tasks) {
    await manager.query(
      `UPDATE campaign_task SET name = $3, parent_key = $4, ord = $5, lead_unit = $6, cooperating_units = $7,
         is_group = $8, depends_on = $9, measure = $10, linked_ledger_id = $11, linked_programme_id = $12,
         target_quantity = $13, target_unit = $14, pace = $15,
         deadline = CASE WHEN $8 THEN $16::timestamptz ELSE deadline END, updated_at = now()
       WHERE campaign_id = $1 AND key = $2`,
      [
        campaignId,
        task.key,
        task.name,
        task.parentKey,
        task.order,
        task.lead,
        task.cooperating,
        task.isGroup,
        task.dependsOn,
        JSON.stringify(task.measure),
        linkedLedger(task),
        linkedProgramme(task),
        task.target?.quantity ?? null,
        task.target?.unit ?? null,
        task.pace ? JSON.stringify(task.pace) : null,
        task.deadline,
      ],
    );
  }
}

const linkedLedger = (task: ResolvedTask) =>
  typeof task.measure === 'object' && 'ledger' in task.measure ? task.measure.ledger : null;
const linkedProgramme = (task: ResolvedTask) =>
  typeof task.measure === 'object' && 'programme' in task.measure ? task.measure.programme : null;

/**
 * Pledge rows merge monotonically (a signature once recorded stays, an escalation level only
 * rises), so a late or repeated projection never undoes a newer one.
 */
async function upsertPledges(
  manager: EntityManager,
  campaignId: string,
  state: CampaignState,
): Promise<void> {
  const level = escalationLevel(state.pledgeFiredLevels);
  for (const pledge of state.pledges) {
    await manager.query(
      `INSERT INTO campaign_pledge (campaign_id, unit, signed_at, sign_off, escalation_level)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (campaign_id, unit) DO UPDATE SET
         signed_at = coalesce(campaign_pledge.signed_at, EXCLUDED.signed_at),
         sign_off = coalesce(campaign_pledge.sign_off, EXCLUDED.sign_off),
         escalation_level = greatest(campaign_pledge.escalation_level, EXCLUDED.escalation_level)`,
      [
        campaignId,
        pledge.unit,
        pledge.signOff?.at ?? null,
        pledge.signOff ? JSON.stringify(pledge.signOff) : null,
        pledge.signOff ? 0 : level,
      ],
    );
  }
}

/** The campaign row with this state, only if its version is newer than the stored one. */
async function updateCampaignRow(
  manager: EntityManager,
  campaignId: string,
  state: CampaignState,
): Promise<boolean> {
  const rows = await manager.query<Array<{ id: string }>>(
    `UPDATE campaign SET name = $2, status = $3, plan_version = $4, window_start = $5, window_end = $6,
       pledge_deadline = $7, paused_since = $8, closed_at = coalesce(closed_at, $9), state = $10, version = $11,
       updated_at = now()
     WHERE id = $1 AND version < $11 RETURNING id`,
    [
      campaignId,
      state.plan.name,
      state.status,
      state.planVersion,
      state.plan.window.start,
      state.plan.window.end,
      state.pledgeDeadline,
      state.paused?.since ?? null,
      state.closedAt,
      JSON.stringify(state),
      state.version,
    ],
  );
  return rows.length > 0;
}

async function campaignExists(manager: EntityManager, campaignId: string): Promise<void> {
  const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM campaign WHERE id = $1`, [
    campaignId,
  ]);
  if (rows.length === 0) throw new Error(`campaign ${campaignId} is not in the read model`);
}

/** The name and the goals of the plan version a campaign runs. */
async function runningPlan(
  manager: EntityManager,
  campaignId: string,
): Promise<{ name: string; goals: ResolvedGoal[] }> {
  const rows = await manager.query<Array<{ name: string; resolved: ResolvedPlan }>>(
    `SELECT c.name, v.resolved FROM campaign c
       JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
      WHERE c.id = $1`,
    [campaignId],
  );
  if (rows.length === 0) throw new Error(`campaign ${campaignId} has no plan in the read model`);
  return { name: rows[0].name, goals: rows[0].resolved.goals ?? [] };
}

/** Notifications, one per person, at most once per dedupe key; returns their ids. */
async function notify(
  manager: EntityManager,
  recipients: string[],
  message: { dedupeKey: string; kind: string; title: string; body: string; subject: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (const recipientId of [...new Set(recipients)].sort()) {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO notification (recipient_id, dedupe_key, kind, title, body, subject)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (recipient_id, dedupe_key) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
      [recipientId, message.dedupeKey, message.kind, message.title, message.body, message.subject],
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export function createCampaignActivities(dataSource: DataSource) {
  return {
    /**
     * Writes a launch into the read model in one transaction: the campaign row (running, launched
     * by whom and when, pledge deadline, state), the plan version applied, a pledge row per unit,
     * a task row per task and sub-task, the audit entry and the change feed. A retry changes nothing.
     */
    async projectCampaignLaunch(input: CampaignLaunchProjection): Promise<void> {
      const { campaignId, state, actor } = input;
      await dataSource.transaction(async (manager) => {
        await campaignExists(manager, campaignId);
        await manager.query(
          `UPDATE campaign SET name = $2, status = $3, plan_version = $4, window_start = $5, window_end = $6,
             launched_at = $7, launched_by = $8, pledge_deadline = $9, state = $10, version = $11, updated_at = now()
           WHERE id = $1 AND launched_at IS NULL`,
          [
            campaignId,
            input.plan.name,
            state.status,
            input.planVersion,
            input.plan.window.start,
            input.plan.window.end,
            state.launchedAt,
            actor.name,
            state.pledgeDeadline,
            JSON.stringify(state),
            state.version,
          ],
        );
        await manager.query(
          `UPDATE campaign_plan_version SET applied_at = $3
            WHERE campaign_id = $1 AND version = $2 AND applied_at IS NULL`,
          [campaignId, input.planVersion, state.launchedAt],
        );
        await upsertPledges(manager, campaignId, state);
        await insertTasks(manager, campaignId, input.plan.tasks);
        const recorded = await appendCampaignChange(manager, {
          campaignId,
          at: state.launchedAt,
          kind: 'campaign',
          taskKey: null,
          dedupeKey: `campaign:v${state.version}`,
          payload: {
            event: 'launch',
            status: state.status,
            version: state.version,
            summary: `启动${input.plan.name}`,
            pledgeDeadline: state.pledgeDeadline,
          },
        });
        if (recorded) {
          await appendAudit(manager, actor, {
            action: 'campaign.launch',
            subject: `campaign:${campaignId}`,
            after: {
              status: state.status,
              version: state.version,
              planVersion: input.planVersion,
              tasks: input.plan.tasks.length,
              pledges: state.pledges.map((p) => p.unit),
              pledgeDeadline: state.pledgeDeadline,
            },
          });
        }
      });
    },

    /**
     * Writes one change of the campaign (a pledge, a plan applied, pause, resume, close, a pledge
     * escalation): the campaign row if this version is newer, the pledge rows, the rows of tasks a
     * plan change adds or revises, and — the first time this version arrives — its audit entry and
     * change-feed entry. One transaction; a retried or late call changes nothing.
     */
    async projectCampaign(input: CampaignProjection): Promise<void> {
      const { campaignId, state, event, actor } = input;
      await dataSource.transaction(async (manager) => {
        await campaignExists(manager, campaignId);
        const newer = await updateCampaignRow(manager, campaignId, state);
        await upsertPledges(manager, campaignId, state);
        if (newer && event.type === 'apply-plan') {
          await manager.query(
            `UPDATE campaign_plan_version SET applied_at = $3
              WHERE campaign_id = $1 AND version = $2 AND applied_at IS NULL`,
            [campaignId, state.planVersion, event.at],
          );
          await insertTasks(manager, campaignId, input.added ?? []);
          await reviseTasks(manager, campaignId, input.revised ?? []);
        }
        const recorded = await appendCampaignChange(manager, {
          campaignId,
          at: event.at,
          kind: 'campaign',
          taskKey: null,
          dedupeKey: `campaign:v${state.version}`,
          payload: {
            event: event.type,
            status: state.status,
            statusLabel: CAMPAIGN_STATUS_LABELS[state.status],
            version: state.version,
            summary: event.summary,
            reason: event.reason,
            ...event.data,
          },
        });
        if (!recorded) return;
        await appendAudit(manager, actor, {
          action: `campaign.${event.type}`,
          subject: `campaign:${campaignId}`,
          after: {
            status: state.status,
            version: state.version,
            ...event.data,
            ...(input.added ? { added: input.added.map((t) => t.key) } : {}),
            ...(input.revised ? { revised: input.revised.map((t) => t.key) } : {}),
          },
          reason: event.reason,
        });
      });
    },

    /**
     * Closes the campaign in the read model with its final report (goals against targets; tasks on
     * time, late or unfinished, by unit) as the read model stands at `closedAt`. Tasks not accepted
     * by then count as unfinished. Written once: a retry keeps the first report.
     */
    async closeCampaign(input: CloseCampaignInput): Promise<{ totals: FinalReport['totals'] }> {
      return dataSource.transaction(async (manager) => {
        const [stored] = await manager.query<Array<{ final_report: FinalReport | null }>>(
          `SELECT final_report FROM campaign WHERE id = $1 FOR NO KEY UPDATE`,
          [input.campaignId],
        );
        if (!stored) throw new Error(`campaign ${input.campaignId} is not in the read model`);
        if (stored.final_report) return { totals: stored.final_report.totals };
        const { goals } = await runningPlan(manager, input.campaignId);
        const closedAt = new Date(input.closedAt);
        const views = taskProgress(await campaignProgressRows(manager, input.campaignId), closedAt);
        const report = finalReport(goals, views, input.closedAt);
        await manager.query(
          `UPDATE campaign SET final_report = $2, status = 'closed', closed_at = $3, paused_since = NULL,
             updated_at = now() WHERE id = $1`,
          [input.campaignId, JSON.stringify(report), input.closedAt],
        );
        await appendCampaignChange(manager, {
          campaignId: input.campaignId,
          at: input.closedAt,
          kind: 'final-report',
          taskKey: null,
          dedupeKey: 'final-report',
          payload: { closedAt: input.closedAt, totals: report.totals },
        });
        await appendAudit(manager, input.actor, {
          action: 'campaign.final-report',
          subject: `campaign:${input.campaignId}`,
          after: { closedAt: input.closedAt, totals: report.totals, byUnit: report.byUnit },
        });
        return { totals: report.totals };
      });
    },

    /**
     * Publishes weekly bulletin number `number` as of its due time (一周一通报): ranking of lead
     * units, overdue, escalated and behind-pace tasks, goals. A published bulletin is frozen (the
     * database refuses changes); a retry finds it stored and only re-sends the same notifications
     * to the command center and leadership.
     */
    async publishCampaignBulletin(
      input: PublishCampaignBulletinInput,
    ): Promise<{ bulletinId: string; number: number; notificationIds: string[] }> {
      return dataSource.transaction(async (manager) => {
        const { name, goals } = await runningPlan(manager, input.campaignId);
        const asOf = new Date(input.asOf);
        const payload = campaignBulletin(
          input.number,
          asOf,
          goals,
          taskProgress(await campaignProgressRows(manager, input.campaignId), asOf),
        );
        const inserted = await manager.query<Array<{ id: string }>>(
          `INSERT INTO campaign_bulletin (campaign_id, number, as_of, payload) VALUES ($1, $2, $3, $4)
           ON CONFLICT (campaign_id, number) DO NOTHING RETURNING id`,
          [input.campaignId, input.number, input.asOf, JSON.stringify(payload)],
        );
        const [bulletin] = await manager.query<Array<{ id: string; payload: typeof payload }>>(
          `SELECT id, payload FROM campaign_bulletin WHERE campaign_id = $1 AND number = $2`,
          [input.campaignId, input.number],
        );
        if (inserted.length > 0) {
          await appendCampaignChange(manager, {
            campaignId: input.campaignId,
            at: input.asOf,
            kind: 'bulletin',
            taskKey: null,
            dedupeKey: `bulletin:${input.number}`,
            payload: {
              bulletinId: bulletin.id,
              number: input.number,
              asOf: input.asOf,
              overdue: payload.overdue.length,
              escalated: payload.escalated.length,
            },
          });
          await appendAudit(manager, SCHEDULE_ACTOR, {
            action: 'campaign.bulletin',
            subject: `campaign:${input.campaignId}`,
            after: { bulletinId: bulletin.id, number: input.number, asOf: input.asOf },
          });
        }
        const published = bulletin.payload;
        const recipients = [
          ...(await activePeopleWithRole(manager, 'command-center')),
          ...(await activePeopleWithRole(manager, 'leadership')),
        ];
        const notificationIds = await notify(manager, recipients, {
          dedupeKey: `campaign-bulletin:${input.campaignId}:${input.number}`,
          kind: 'campaign.bulletin',
          title: `${name}第${input.number}期通报（截至 ${formatCst(asOf)}）`,
          body: `逾期任务 ${published.overdue.length} 项，已督办 ${published.escalated.length} 项，落后序时进度 ${published.behindPace.length} 项。${
            published.ranking.length > 0 ? `单位排名第一：${published.ranking[0].unit}。` : ''
          }`,
          subject: `campaign:${input.campaignId}`,
        });
        return { bulletinId: bulletin.id, number: input.number, notificationIds };
      });
    },

    /**
     * Reminders of the cadence: the weekly dispatch meeting (调度会) to the command center; the
     * monthly report (按月报送) to the department people of every lead unit with unfinished tasks,
     * at most once per unit and month.
     */
    async sendCampaignReminder(input: CampaignReminderInput): Promise<{ notificationIds: string[] }> {
      return dataSource.transaction(async (manager) => {
        const { name } = await runningPlan(manager, input.campaignId);
        const dueAt = new Date(input.dueAt);
        const subject = `campaign:${input.campaignId}`;
        if (input.kind === 'dispatch-meeting') {
          return {
            notificationIds: await notify(manager, await activePeopleWithRole(manager, 'command-center'), {
              dedupeKey: `campaign-dispatch:${input.campaignId}:${input.dueAt}`,
              kind: 'campaign.dispatch-meeting',
              title: `${name}：指挥部调度会提醒`,
              body: `本周调度会时间 ${formatCst(dueAt)}，请汇总各责任单位任务进展、逾期和督办情况。`,
              subject,
            }),
          };
        }
        const month = cstDate(dueAt).slice(0, 7);
        const open = await manager.query<Array<{ lead_unit: string; names: string[] }>>(
          `SELECT lead_unit, array_agg(name ORDER BY ord) AS names FROM campaign_task
            WHERE campaign_id = $1 AND NOT is_group AND status <> 'accepted' AND closed_at IS NULL
            GROUP BY lead_unit ORDER BY lead_unit`,
          [input.campaignId],
        );
        const ids: string[] = [];
        for (const { lead_unit: unit, names } of open) {
          ids.push(
            ...(await notify(manager, await activePeopleWithRole(manager, 'department', [unit]), {
              dedupeKey: `campaign-monthly:${input.campaignId}:${unit}:${month}`,
              kind: 'campaign.monthly-report',
              title: `${name}：请报送${month.replace('-', '年')}月任务进展`,
              body: `今日（${cstDate(dueAt)}）为月度报送日，请报送以下任务的进展：${names.join('、')}。`,
              subject,
            })),
          );
        }
        return { notificationIds: ids };
      });
    },
  };
}
