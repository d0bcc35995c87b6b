import type { TaskStatus } from '../../../domain/src/campaign/campaign-task';
import type { EscalationStep } from '../../../domain/src/escalation/ladder';
import type { HouseholdStage } from '../../../domain/src/housing/household-stages';
import type { ItemClock, ItemStatus } from '../../../domain/src/rectification/item-process';
import type { UnitKind } from '../../../domain/src/organisation/unit-tree';
import { itemClockOf, pauseOf } from '../pause-columns';
import { Queries } from '../queries';

/** A `LIKE` prefix matching a unit path and everything below it (`_` in a code is no wildcard). */
const below = (path: string) => `${path.replace(/[\\%_]/g, '\\$&')}%`;

export interface UnitCampaignTaskRow {
  campaign_id: string;
  campaign_name: string;
  key: string;
  name: string;
  lead_unit: string;
  status: TaskStatus;
  deadline: Date;
  paused_ms: string | number;
  paused: { since: string } | null;
  escalation_level: number;
  ladder: EscalationStep[] | null;
}

type CampaignTaskColumns = Omit<UnitCampaignTaskRow, 'paused'> & { paused_since: Date | null };
type ItemColumns = Omit<UnitItemRow, 'state' | 'ladder'> & {
  /** The ledger's ladder, on one of its items only (ladderShared gives it to the others). */
  ladder: EscalationStep[] | null;
  basic_deadline: Date;
  full_deadline: Date;
  paused_ms: string | number;
  paused_since: Date | null;
};

export interface UnitItemRow {
  id: string;
  number: number;
  problem: string;
  ledger_id: string;
  ledger_name: string;
  ladder: EscalationStep[];
  status: ItemStatus;
  /** The part of the state the deadline rules read. */
  state: ItemClock;
  escalation_level: number;
}

/**
 * Households of one programme in one stage waiting for the unit, as the local unit or the bureau,
 * with what the list shows of their programme: its name, the stage's deadline and its ladder.
 */
export interface UnitHouseholdGroupRow {
  programme_id: string;
  programme_name: string;
  stage: HouseholdStage;
  /** The programme's deadline for the stage, if it sets one. */
  stage_deadline: string | null;
  ladder: EscalationStep[];
  households: number;
  level: number;
  role: 'local' | 'bureau';
}

/**
 * Rows whose ladder came on one row of their group only (a ladder is one JSON value, parsed once per
 * row it is sent on), each given its group's ladder.
 */
function ladderShared<R extends { ladder: EscalationStep[] | null }>(
  rows: R[],
  groupOf: (row: R) => string,
): R[] {
  const ladders = new Map<string, EscalationStep[]>();
  for (const row of rows) if (row.ladder !== null) ladders.set(groupOf(row), row.ladder);
  return rows.map((row) => ({ ...row, ladder: ladders.get(groupOf(row)) ?? row.ladder }));
}

/** One unit's to-do list (责任清单 of a unit) from the read models of the three processes. */
export class UnitTaskQueries extends Queries {
  /**
   * Campaign tasks the unit leads or cooperates on that are not accepted, of campaigns not closed.
   * Each campaign's ladder is read from its plan once, not once per task (the plan is one large
   * JSON value, and every row that reads into it would unpack it whole), and sent once: on one of
   * the campaign's rows, the others share it.
   */
  async campaignTasksOf(unitCode: string): Promise<UnitCampaignTaskRow[]> {
    const rows = await this.prepared<CampaignTaskColumns>(
      `WITH t AS (
         SELECT t.campaign_id, c.name AS campaign_name, c.plan_version, t.key, t.name, t.lead_unit, t.status,
                t.deadline, t.paused_ms, t.paused_since, t.escalation_level
           FROM campaign_task t
           JOIN campaign c ON c.id = t.campaign_id
          WHERE (t.lead_unit = $1 OR t.cooperating_units @> ARRAY[$1]::text[])
            AND NOT t.is_group AND t.status <> 'accepted' AND t.closed_at IS NULL AND c.status <> 'closed'),
       ladders AS (
         SELECT v.campaign_id, v.resolved->'ladder' AS ladder
           FROM (SELECT DISTINCT campaign_id, plan_version FROM t) c
           JOIN campaign_plan_version v ON v.campaign_id = c.campaign_id AND v.version = c.plan_version)
       SELECT t.campaign_id, t.campaign_name, t.key, t.name, t.lead_unit, t.status, t.deadline, t.paused_ms,
              t.paused_since, t.escalation_level,
              CASE WHEN row_number() OVER (PARTITION BY t.campaign_id) = 1 THEN l.ladder END AS ladder
         FROM t LEFT JOIN ladders l ON l.campaign_id = t.campaign_id`,
      [unitCode],
    );
    // the added key before the copied ones: V8 adds a key after a spread copy slowly
    return ladderShared(rows, (row) => row.campaign_id).map(({ paused_since, ...task }) => ({
      paused: pauseOf(paused_since),
      ...task,
    }));
  }

  /**
   * Open rectification items the unit is responsible for, each with its clock (`ItemClock`) read
   * from the columns the projection writes from the state, not from the JSON state; each ledger's
   * ladder is sent once, on one of its items, and shared by the others.
   */
  async openItemsOf(unitCode: string): Promise<UnitItemRow[]> {
    const rows = await this.prepared<ItemColumns>(
      `SELECT i.id, i.number, i.problem, i.ledger_id, l.name AS ledger_name,
              CASE WHEN row_number() OVER (PARTITION BY i.ledger_id) = 1 THEN l.ladder END AS ladder, i.status,
              i.basic_deadline, i.full_deadline, i.paused_ms, i.paused_since, i.escalation_level
         FROM rectification_item i JOIN ledger l ON l.id = i.ledger_id
        WHERE i.responsible_unit = $1 AND i.status <> 'closed'`,
      [unitCode],
    );
    return ladderShared(rows, (row) => row.ledger_id).map(
      ({ basic_deadline, full_deadline, paused_ms, paused_since, ladder, ...item }) => ({
        ladder: ladder ?? [],
        state: itemClockOf({ status: item.status, basic_deadline, full_deadline, paused_ms, paused_since }),
        ...item,
      }),
    );
  }

  /**
   * Households waiting for the unit, per programme and stage: a village's or township's own (its
   * villages' households at its approval level, or its acceptance signature), and a housing
   * bureau's (its programmes' households waiting for it), each group with its programme's name,
   * stage deadline and ladder (in the same statement: no second round trip for them). Counted by
   * household_tally (kinds waiting-*, key stage:level, kept by the household table's triggers; a
   * counter is the sum of its slots, one of which may be negative). `kind LIKE 'waiting-%'` and
   * `households <> 0` restate the partial index's predicate so the planner may use
   * household_tally_waiting.
   */
  householdsWaitingFor(unit: {
    code: string;
    path: string;
    kind: UnitKind;
  }): Promise<UnitHouseholdGroupRow[]> {
    // Each key's slots and villages are summed first: a level is reported only while some
    // household is at it (one slot of a key may be negative and another positive, netting to 0).
    return this.prepared<UnitHouseholdGroupRow>(
      `WITH waiting AS (
         SELECT programme_id, split_part(key, ':', 1) AS stage, sum(households)::int AS households,
                max(split_part(key, ':', 2)::int) AS level, 'local' AS role
           FROM (SELECT t.programme_id, t.key, sum(t.households) AS households
                   FROM household_tally t
                  WHERE t.kind = $2 AND t.kind LIKE 'waiting-%' AND t.village_path LIKE $1 AND t.households <> 0
                  GROUP BY 1, 2 HAVING sum(t.households) > 0) k
          GROUP BY 1, 2
         UNION ALL
         SELECT programme_id, split_part(key, ':', 1), sum(households)::int, max(split_part(key, ':', 2)::int), 'bureau'
           FROM (SELECT t.programme_id, t.key, sum(t.households) AS households
                   FROM household_tally t JOIN housing_programme p ON p.id = t.programme_id
                  WHERE p.housing_bureau = $3 AND t.kind = 'waiting-bureau' AND t.kind LIKE 'waiting-%'
                    AND t.households <> 0
                  GROUP BY 1, 2 HAVING sum(t.households) > 0) k
          GROUP BY 1, 2)
       SELECT w.programme_id, p.name AS programme_name, w.stage, p.stage_deadlines->>w.stage AS stage_deadline,
              p.ladder, w.households, w.level, w.role
         FROM waiting w JOIN housing_programme p ON p.id = w.programme_id`,
      [
        below(unit.path),
        unit.kind === 'township' ? 'waiting-township' : unit.kind === 'village' ? 'waiting-village' : '-',
        unit.code,
      ],
    );
  }
}
