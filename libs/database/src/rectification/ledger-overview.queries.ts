import type { UnitActor } from '../../../domain/src/access/unit-reach';
import { readsAcrossUnits } from '../../../domain/src/access/unit-reach';
import type { ItemStatus } from '../../../domain/src/rectification/item-process';
import { Queries } from '../queries';

/** Overdue as the item list counts it: open, not paused, past the full deadline plus paused time. */
const OVERDUE_SQL = `(i.status <> 'closed' AND i.paused_since IS NULL AND i.full_deadline + i.paused_ms * interval '1 millisecond' < now())`;

/** The overdue items the overview lists at most. */
export const OVERDUE_LIST_LIMIT = 200;

/** One line of the overview's counts: a status, unit or level, its items and how many are overdue. */
export interface LedgerCountRow {
  key: string;
  label: string | null;
  total: string;
  overdue: string;
}

export interface OverdueItemRow {
  id: string;
  number: number;
  problem: string;
  status: ItemStatus;
  full_deadline: Date;
  working_deadline: Date;
  responsible_unit: string;
  unit_name: string | null;
  responsible_person_id: string;
  person_name: string | null;
  escalation_level: number;
}

/**
 * A ledger at a glance (GET /api/ledgers/:id/overview), counted in SQL over the items `actor` may
 * see: a department its own unit's and the units' below it, and those it verifies or is
 * responsible for, as in the item list.
 */
export class LedgerOverviewQueries extends Queries {
  private scope(ledgerId: string, actor: UnitActor): { where: string; params: unknown[] } {
    if (readsAcrossUnits(actor)) return { where: 'i.ledger_id = $1', params: [ledgerId] };
    return {
      where: `i.ledger_id = $1 AND (i.responsible_unit_path LIKE $2 OR i.verifier_id = $3 OR i.responsible_person_id = $3)`,
      params: [ledgerId, `${actor.unitPath}%`, actor.id],
    };
  }

  private counts(
    ledgerId: string,
    actor: UnitActor,
    key: string,
    label: string,
    join = '',
    filter = '',
  ): Promise<LedgerCountRow[]> {
    const { where, params } = this.scope(ledgerId, actor);
    return this.db.query<LedgerCountRow[]>(
      `SELECT ${key} AS key, ${label} AS label, count(*) AS total, count(*) FILTER (WHERE ${OVERDUE_SQL}) AS overdue
         FROM rectification_item i ${join} WHERE ${where}${filter} GROUP BY 1, 2 ORDER BY 1`,
      params,
    );
  }

  /** Items and overdue items per status. */
  countsByStatus(ledgerId: string, actor: UnitActor): Promise<LedgerCountRow[]> {
    return this.counts(ledgerId, actor, 'i.status', 'NULL');
  }

  /** Items and overdue items per responsible unit, with the unit's name as label. */
  countsByUnit(ledgerId: string, actor: UnitActor): Promise<LedgerCountRow[]> {
    return this.counts(
      ledgerId,
      actor,
      'i.responsible_unit',
      'u.name',
      'LEFT JOIN unit u ON u.code = i.responsible_unit',
    );
  }

  /** Open items and overdue items per escalation level. */
  countsByLevel(ledgerId: string, actor: UnitActor): Promise<LedgerCountRow[]> {
    return this.counts(ledgerId, actor, 'i.escalation_level::text', 'NULL', '', ` AND i.status <> 'closed'`);
  }

  /** The overdue items, longest overdue first, at most OVERDUE_LIST_LIMIT, with unit and person names. */
  overdueItems(ledgerId: string, actor: UnitActor): Promise<OverdueItemRow[]> {
    const { where, params } = this.scope(ledgerId, actor);
    return this.db.query<OverdueItemRow[]>(
      `SELECT i.id, i.number, i.problem, i.status, i.full_deadline,
              i.full_deadline + i.paused_ms * interval '1 millisecond' AS working_deadline,
              i.responsible_unit, u.name AS unit_name, i.responsible_person_id, p.display_name AS person_name,
              i.escalation_level
         FROM rectification_item i
         LEFT JOIN unit u ON u.code = i.responsible_unit
         LEFT JOIN app_user p ON p.id = i.responsible_person_id
        WHERE ${where} AND ${OVERDUE_SQL}
        ORDER BY working_deadline ASC, i.number ASC
        LIMIT ${OVERDUE_LIST_LIMIT}`,
      params,
    );
  }
}
