import type { ResolvedPlan } from '../../../domain/src/campaign/campaign-plan';
import type { CampaignStatus } from '../../../domain/src/campaign/campaign-process';
import type { TaskProgressInput } from '../../../domain/src/campaign/campaign-progress';
import { Queries } from '../queries';
import { campaignProgressRows, linkedProgress } from './campaign-progress-rows';

/** A campaign with the plan version it runs, as the battle map reads it. */
export interface CampaignWithPlan {
  id: string;
  name: string;
  status: CampaignStatus;
  planVersion: number;
  windowStart: Date;
  windowEnd: Date;
  pledgeDeadline: Date | null;
  launchedAt: Date | null;
  closedAt: Date | null;
  plan: ResolvedPlan;
}

/** A pledge (责任状) as the read model holds it. */
export interface PledgeRow {
  unit: string;
  signedAt: Date | null;
  signedBy: string | null;
  escalationLevel: number;
}

interface CampaignRow {
  id: string;
  name: string;
  status: CampaignStatus;
  plan_version: number;
  window_start: Date;
  window_end: Date;
  pledge_deadline: Date | null;
  launched_at: Date | null;
  closed_at: Date | null;
  resolved: ResolvedPlan;
}

/**
 * The battle map (挂图作战) of a campaign from the read model: the campaign and its current plan
 * (one query), the units it names (one), its tasks with linked ledger and programme counts
 * (campaignProgressRows: three at most) and its pledges (one).
 */
export class CampaignProgressQueries extends Queries {
  async campaignWithPlan(id: string): Promise<CampaignWithPlan | null> {
    const [row] = await this.db.query<CampaignRow[]>(
      `SELECT c.id, c.name, c.status, c.plan_version, c.window_start, c.window_end, c.pledge_deadline,
              c.launched_at, c.closed_at, v.resolved
         FROM campaign c JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
        WHERE c.id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      planVersion: row.plan_version,
      windowStart: row.window_start,
      windowEnd: row.window_end,
      pledgeDeadline: row.pledge_deadline,
      launchedAt: row.launched_at,
      closedAt: row.closed_at,
      plan: row.resolved,
    };
  }

  /** Code, name and path of the units among `codes` the tree knows. */
  units(codes: string[]): Promise<Array<{ code: string; name: string; path: string }>> {
    return this.db.query<Array<{ code: string; name: string; path: string }>>(
      `SELECT code, name, path FROM unit WHERE code = ANY($1)`,
      [codes],
    );
  }

  /** A campaign's tasks as the rollups need them (see campaignProgressRows). */
  progressRows(campaignId: string, now?: Date): Promise<TaskProgressInput[]> {
    return campaignProgressRows(this.db, campaignId, now);
  }

  pledges(campaignId: string): Promise<PledgeRow[]> {
    return this.db.query<PledgeRow[]>(
      `SELECT unit, signed_at AS "signedAt", sign_off->>'signerName' AS "signedBy",
              escalation_level AS "escalationLevel"
         FROM campaign_pledge WHERE campaign_id = $1`,
      [campaignId],
    );
  }

  /** Done and total of a linked measure: ledger items closed, programme households moved in. */
  linkedProgress(
    measure: { ledger: string } | { programme: string },
  ): Promise<{ done: number; total: number }> {
    return linkedProgress(this.db, measure);
  }
}
