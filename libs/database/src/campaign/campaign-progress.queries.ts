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

/**
 * The campaign row with its plan's stamp (the version and its row's `xmin`: a version is written once,
 * so the stamp names its content), and the plan itself unless the caller already holds that stamp.
 */
export interface CampaignWithPlanStamp extends Omit<CampaignWithPlan, 'plan'> {
  planStamp: string;
  /** Null when the plan's stamp is the one the caller passed. */
  plan: ResolvedPlan | null;
}

/** A unit the plan names: code, name and path. */
export interface NamedUnitRow {
  code: string;
  name: string;
  path: string;
}

/** A pledge (责任状) as the read model holds it. */
export interface PledgeRow {
  unit: string;
  signedAt: Date | null;
  signedBy: string | null;
  escalationLevel: number;
}

type PledgeJson = Omit<PledgeRow, 'signedAt'> & { signedAt: string | null };

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
  resolved: ResolvedPlan | null;
  plan_stamp: string;
}

/** The campaign row with its plan's stamp, and the plan unless its stamp is `$2` (campaign id: `$1`). */
const CAMPAIGN_COLUMNS = `c.id, c.name, c.status, c.plan_version, c.window_start, c.window_end, c.pledge_deadline,
       c.launched_at, c.closed_at, v.version || ':' || v.xmin AS plan_stamp,
       CASE WHEN v.version || ':' || v.xmin = $2 THEN NULL ELSE v.resolved END AS resolved`;
const CAMPAIGN_WITH_PLAN = `FROM campaign c JOIN campaign_plan_version v ON v.campaign_id = c.id AND v.version = c.plan_version
 WHERE c.id = $1`;
/** The units whose codes are `$3`, and the pledges of campaign `$1`, each as one JSON array. */
const UNITS_AND_PLEDGES = `(SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'path', path)), '[]')
          FROM unit WHERE code = ANY($3)) AS units,
       (SELECT coalesce(json_agg(json_build_object(
                 'unit', unit, 'signedAt', signed_at, 'signedBy', sign_off->>'signerName',
                 'escalationLevel', escalation_level)), '[]')
          FROM campaign_pledge WHERE campaign_id = $1) AS pledges`;

const campaignOf = (row: CampaignRow): CampaignWithPlanStamp => ({
  id: row.id,
  name: row.name,
  status: row.status,
  planVersion: row.plan_version,
  windowStart: row.window_start,
  windowEnd: row.window_end,
  pledgeDeadline: row.pledge_deadline,
  launchedAt: row.launched_at,
  closedAt: row.closed_at,
  planStamp: row.plan_stamp,
  plan: row.resolved,
});

const pledgeOf = (p: PledgeJson): PledgeRow => ({
  ...p,
  signedAt: p.signedAt === null ? null : new Date(p.signedAt),
});

/**
 * The battle map (挂图作战) of a campaign from the read model: the campaign and its current plan
 * (the plan left out when the caller holds it) with the units it names and its pledges (one
 * statement), and its tasks with linked ledger and programme counts (campaignProgressRows: one).
 */
export class CampaignProgressQueries extends Queries {
  async campaignWithPlan(id: string): Promise<CampaignWithPlan | null> {
    const row = await this.campaignWithPlanUnless(id, null);
    return row && { ...row, plan: row.plan! };
  }

  /** The campaign and its plan's stamp; the plan too unless its stamp is `knownStamp`. */
  async campaignWithPlanUnless(id: string, knownStamp: string | null): Promise<CampaignWithPlanStamp | null> {
    const [row] = await this.prepared<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} ${CAMPAIGN_WITH_PLAN}`, [
      id,
      knownStamp,
    ]);
    return row ? campaignOf(row) : null;
  }

  /**
   * What campaignWithPlanUnless reads, with the units among `unitCodes` (the codes the plan of
   * `knownStamp` names) and the campaign's pledges, in one statement.
   */
  async campaignWithUnitsAndPledges(
    id: string,
    knownStamp: string | null,
    unitCodes: string[],
  ): Promise<(CampaignWithPlanStamp & { units: NamedUnitRow[]; pledges: PledgeRow[] }) | null> {
    const [row] = await this.prepared<CampaignRow & { units: NamedUnitRow[]; pledges: PledgeJson[] }>(
      `SELECT ${CAMPAIGN_COLUMNS}, ${UNITS_AND_PLEDGES} ${CAMPAIGN_WITH_PLAN}`,
      [id, knownStamp, unitCodes],
    );
    return row ? { ...campaignOf(row), units: row.units, pledges: row.pledges.map(pledgeOf) } : null;
  }

  /** Code, name and path of the units among `codes` the tree knows. */
  units(codes: string[]): Promise<NamedUnitRow[]> {
    return this.db.query<NamedUnitRow[]>(`SELECT code, name, path FROM unit WHERE code = ANY($1)`, [codes]);
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
