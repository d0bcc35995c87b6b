import { In } from 'typeorm';
import type { TaskProgressInput } from '../../../domain/src/campaign/campaign-progress';
import { Queries } from '../queries';
import { CampaignBulletin } from './campaign-bulletin.entity';
import { CampaignPlanVersion } from './campaign-plan-version.entity';
import { CampaignPledge } from './campaign-pledge.entity';
import { campaignProgressRows } from './campaign-progress-rows';
import { CampaignTask } from './campaign-task.entity';
import { Campaign } from './campaign.entity';

/**
 * Campaigns as the API reads them: the campaign row and its plan versions, the campaigns a unit may
 * see, pledges, tasks, bulletins, the units they name, and the evidence a step may cite.
 */
export class CampaignQueries extends Queries {
  campaign(id: string): Promise<Campaign | null> {
    return this.db.getRepository(Campaign).findOneBy({ id });
  }

  planVersion(campaignId: string, version: number): Promise<CampaignPlanVersion | null> {
    return this.db.getRepository(CampaignPlanVersion).findOneBy({ campaignId, version });
  }

  /** Every version of a campaign's plan, oldest first. */
  planVersions(campaignId: string): Promise<CampaignPlanVersion[]> {
    return this.db
      .getRepository(CampaignPlanVersion)
      .find({ where: { campaignId }, order: { version: 'ASC' } });
  }

  /** Every campaign, newest first (the cross-unit roles' list). */
  allCampaigns(): Promise<Campaign[]> {
    return this.db.getRepository(Campaign).find({ order: { createdAt: 'DESC' } });
  }

  /**
   * The campaigns whose current plan names a unit at or below `unitPath` as a task's lead or
   * cooperating unit, newest first.
   */
  async campaignsNamingUnitsUnder(unitPath: string): Promise<Campaign[]> {
    const ids = await this.db.query<Array<{ id: string }>>(
      `WITH mine AS (SELECT array_agg(code) AS codes FROM unit WHERE starts_with(path, $1))
       SELECT c.id FROM campaign c
         JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
        WHERE EXISTS (
          SELECT 1 FROM jsonb_array_elements(v.resolved -> 'tasks') t, mine
           WHERE t ->> 'lead' = ANY(mine.codes)
              OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(t -> 'cooperating') u WHERE u = ANY(mine.codes)))`,
      [unitPath],
    );
    if (ids.length === 0) return [];
    return this.db
      .getRepository(Campaign)
      .find({ where: { id: In(ids.map((r) => r.id)) }, order: { createdAt: 'DESC' } });
  }

  /** Unit paths by code (codes the tree does not know are left out). */
  async unitPaths(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.query<Array<{ code: string; path: string }>>(
      'SELECT code, path FROM unit WHERE code = ANY($1)',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.path]));
  }

  /** Unit names by code (codes the tree does not know are left out). */
  async unitNames(codes: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<Array<{ code: string; name: string }>>(
      'SELECT code, name FROM unit WHERE code = ANY($1)',
      [[...new Set(codes)]],
    );
    return new Map(rows.map((u) => [u.code, u.name]));
  }

  pledges(campaignId: string): Promise<CampaignPledge[]> {
    return this.db.getRepository(CampaignPledge).find({ where: { campaignId } });
  }

  /** A campaign's tasks in plan order. */
  tasks(campaignId: string): Promise<CampaignTask[]> {
    return this.db.getRepository(CampaignTask).find({ where: { campaignId }, order: { ord: 'ASC' } });
  }

  /** The tasks as the rollups need them (campaignProgressRows), for the final report before it is stored. */
  progressRows(campaignId: string): Promise<TaskProgressInput[]> {
    return campaignProgressRows(this.db, campaignId);
  }

  /** Which of `ids` name evidence uploaded to this campaign (to this task, when one is given). */
  async evidenceAmong(campaignId: string, taskKey: string | null, ids: string[]): Promise<Set<string>> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM campaign_evidence WHERE campaign_id = $1 AND id = ANY($2::uuid[])
         AND ($3::text IS NULL OR task_key = $3)`,
      [campaignId, ids, taskKey],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The bulletins published so far, in number order. */
  bulletins(campaignId: string): Promise<CampaignBulletin[]> {
    return this.db.getRepository(CampaignBulletin).find({ where: { campaignId }, order: { number: 'ASC' } });
  }

  bulletin(campaignId: string, number: number): Promise<CampaignBulletin | null> {
    return this.db.getRepository(CampaignBulletin).findOneBy({ campaignId, number });
  }
}
