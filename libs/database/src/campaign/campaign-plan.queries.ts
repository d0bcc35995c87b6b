import type { CampaignPlanDocument, ResolvedPlan } from '../../../domain/src/campaign/campaign-plan';
import type { UnitRef } from '../../../domain/src/campaign/plan-extraction';
import { Queries } from '../queries';
import { Campaign } from './campaign.entity';

/** A plan version as it is stored. */
export interface PlanVersionRow {
  campaignId: string;
  version: number;
  document: CampaignPlanDocument;
  resolved: ResolvedPlan;
  reason: string | null;
  createdBy: string;
}

/** A draft campaign as it is first stored. */
export type NewCampaign = Pick<
  Campaign,
  | 'id'
  | 'name'
  | 'status'
  | 'planVersion'
  | 'windowStart'
  | 'windowEnd'
  | 'workflowId'
  | 'version'
  | 'createdBy'
>;

/**
 * The writes of campaign plans (a draft campaign, its numbered versions) and what validating a plan
 * reads of the world: the unit codes, ledgers and programmes a plan may name.
 */
export class CampaignPlanQueries extends Queries {
  /** The codes, ledger ids and programme ids a plan may name. */
  async references(): Promise<{ unitCodes: string[]; ledgerIds: string[]; programmeIds: string[] }> {
    const [units, ledgers, programmes] = await Promise.all([
      this.db.query<Array<{ code: string }>>('SELECT code FROM unit'),
      this.db.query<Array<{ id: string }>>('SELECT id FROM ledger'),
      this.db.query<Array<{ id: string }>>('SELECT id FROM housing_programme'),
    ]);
    return {
      unitCodes: units.map((u) => u.code),
      ledgerIds: ledgers.map((l) => l.id),
      programmeIds: programmes.map((p) => p.id),
    };
  }

  /** The whole unit tree in path order, as a written plan's unit names are matched against it. */
  unitTree(): Promise<UnitRef[]> {
    return this.db.query<UnitRef[]>(
      'SELECT code, name, kind, parent_code AS "parentCode" FROM unit ORDER BY path',
    );
  }

  /** A new draft campaign's row. */
  async insertCampaign(campaign: NewCampaign): Promise<void> {
    await this.db.getRepository(Campaign).insert(campaign);
  }

  async insertVersion(row: PlanVersionRow): Promise<void> {
    await this.db.query(
      `INSERT INTO campaign_plan_version (campaign_id, version, document, resolved, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        row.campaignId,
        row.version,
        JSON.stringify(row.document),
        JSON.stringify(row.resolved),
        row.reason,
        row.createdBy,
      ],
    );
  }

  /** The campaign's status and plan version, its row locked until the transaction ends. */
  async lockCampaign(id: string): Promise<{ status: string; planVersion: number }> {
    const [locked] = await this.db.query<Array<{ status: string; plan_version: number }>>(
      'SELECT status, plan_version FROM campaign WHERE id = $1 FOR UPDATE',
      [id],
    );
    return { status: locked.status, planVersion: locked.plan_version };
  }

  /** A draft's row takes a new plan version: its name and window follow the plan. */
  async setDraftPlan(id: string, version: number, resolved: ResolvedPlan): Promise<void> {
    await this.db.query(
      `UPDATE campaign SET plan_version = $2, name = $3, window_start = $4, window_end = $5, updated_at = now()
        WHERE id = $1`,
      [id, version, resolved.name, resolved.window.start, resolved.window.end],
    );
  }

  /** The highest version number stored for the campaign. */
  async lastVersion(campaignId: string): Promise<number> {
    const [last] = await this.db.query<Array<{ version: number }>>(
      'SELECT max(version)::int AS version FROM campaign_plan_version WHERE campaign_id = $1',
      [campaignId],
    );
    return last.version;
  }

  /** Removes a version the running campaign never applied (its workflow refused it). */
  async deleteUnappliedVersion(campaignId: string, version: number): Promise<void> {
    await this.db.query(
      'DELETE FROM campaign_plan_version WHERE campaign_id = $1 AND version = $2 AND applied_at IS NULL',
      [campaignId, version],
    );
  }
}
