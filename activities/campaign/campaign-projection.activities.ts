import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import type { ResolvedPlan, ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import { CAMPAIGN_STATUS_LABELS, type CampaignState } from '../../libs/domain/src/campaign/campaign-process';
import type { CampaignEvent } from '../../libs/domain/src/campaign/campaign-rules';
import { escalationLevel } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
import { appendCampaignChange } from './campaign-escalation.activities';
import { insertTasks, reviseTasks } from './plan-task-rows';

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

/** The launch and every later change of a campaign, projected into the read model. */
export function createCampaignProjectionActivities(dataSource: DataSource) {
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
  };
}
