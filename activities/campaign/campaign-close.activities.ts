import { DataSource } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { campaignProgressRows } from '../../libs/database/src/campaign/campaign-progress-rows';
import {
  finalReport,
  taskProgress,
  type FinalReport,
} from '../../libs/domain/src/campaign/campaign-progress';
import type { Actor } from '../../libs/domain/src/process/actor';
import { appendCampaignChange } from './campaign-escalation.activities';
import { runningPlan } from './running-plan';

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
  };
}
