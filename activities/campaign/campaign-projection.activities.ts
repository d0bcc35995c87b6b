import { DataSource } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { CampaignProjectionQueries } from '../../libs/database/src/campaign/campaign-projection.queries';
import type { ResolvedPlan, ResolvedTask } from '../../libs/domain/src/campaign/campaign-plan';
import { CAMPAIGN_STATUS_LABELS, type CampaignState } from '../../libs/domain/src/campaign/campaign-process';
import type { CampaignEvent } from '../../libs/domain/src/campaign/campaign-rules';
import { escalationLevel } from '../../libs/domain/src/escalation/ladder';
import type { Actor } from '../../libs/domain/src/process/actor';
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

/**
 * Pledge rows merge monotonically (a signature once recorded stays, an escalation level only
 * rises), so a late or repeated projection never undoes a newer one.
 */
async function upsertPledges(
  queries: CampaignProjectionQueries,
  campaignId: string,
  state: CampaignState,
): Promise<void> {
  const level = escalationLevel(state.pledgeFiredLevels);
  for (const pledge of state.pledges) {
    await queries.mergePledge(campaignId, {
      unit: pledge.unit,
      signedAt: pledge.signOff?.at ?? null,
      signOff: pledge.signOff,
      escalationLevel: pledge.signOff ? 0 : level,
    });
  }
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
        const queries = new CampaignProjectionQueries(manager);
        await queries.assertCampaignExists(campaignId);
        await queries.recordLaunch(campaignId, {
          planVersion: input.planVersion,
          plan: input.plan,
          state,
          launchedBy: actor.name,
        });
        await queries.markPlanApplied(campaignId, input.planVersion, state.launchedAt);
        await upsertPledges(queries, campaignId, state);
        await queries.insertTasks(campaignId, input.plan.tasks);
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
        const queries = new CampaignProjectionQueries(manager);
        await queries.assertCampaignExists(campaignId);
        const newer = await queries.updateCampaign(campaignId, state);
        await upsertPledges(queries, campaignId, state);
        if (newer && event.type === 'apply-plan') {
          await queries.markPlanApplied(campaignId, state.planVersion, event.at);
          await queries.insertTasks(campaignId, input.added ?? []);
          await queries.reviseTasks(campaignId, input.revised ?? []);
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
