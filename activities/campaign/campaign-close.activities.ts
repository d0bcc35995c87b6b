import { DataSource } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { CampaignProgressQueries } from '../../libs/database/src/campaign/campaign-progress.queries';
import { CampaignProjectionQueries } from '../../libs/database/src/campaign/campaign-projection.queries';
import {
  finalReport,
  taskProgress,
  type FinalReport,
} from '../../libs/domain/src/campaign/campaign-progress';
import type { Actor } from '../../libs/domain/src/process/actor';
import { appendCampaignChange } from './campaign-escalation.activities';

export interface CloseCampaignInput {
  campaignId: string;
  closedAt: string;
  actor: Actor;
}

/** The close of a campaign and its final report. */
export function createCampaignCloseActivities(dataSource: DataSource) {
  return {
    /**
     * Closes the campaign in the read model with its final report (goals against targets; tasks on
     * time, late or unfinished, by unit) as the read model stands at `closedAt`. Tasks not accepted
     * by then count as unfinished. Written once: a retry keeps the first report.
     */
    async closeCampaign(input: CloseCampaignInput): Promise<{ totals: FinalReport['totals'] }> {
      return dataSource.transaction(async (manager) => {
        const queries = new CampaignProjectionQueries(manager);
        const stored = await queries.lockFinalReport(input.campaignId);
        if (stored === undefined) throw new Error(`campaign ${input.campaignId} is not in the read model`);
        if (stored) return { totals: stored.totals };
        const { goals } = await queries.runningPlan(input.campaignId);
        const closedAt = new Date(input.closedAt);
        const rows = await new CampaignProgressQueries(manager).progressRows(input.campaignId);
        const views = taskProgress(rows, closedAt);
        const report = finalReport(goals, views, input.closedAt);
        await queries.close(input.campaignId, report, input.closedAt);
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
  };
}
