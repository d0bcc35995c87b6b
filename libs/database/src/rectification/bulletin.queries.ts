import { In } from 'typeorm';
import {
  OVERDUE_LIST_CAP,
  type BulletinAggregates,
  type BulletinListedItem,
  type BulletinUnitCounts,
} from '../../../domain/src/rectification/bulletin';
import type { ItemStatus } from '../../../domain/src/rectification/item-process';
import { User } from '../identity/user.entity';
import { Unit } from '../organisation/unit.entity';
import { Queries } from '../queries';
import { Bulletin } from './bulletin.entity';

/** What a ledger's bulletin reports, read from the items, with the names of the units and people it mentions. */
export interface LedgerAggregates {
  aggregates: BulletinAggregates;
  unitNames: Record<string, string>;
  personNames: Record<string, string>;
}

// Class key of the per-ledger numbering lock (the second key is a hash of the ledger id).
const BULLETIN_NUMBER_LOCK = 727_020;

/**
 * An item's working deadlines pushed later by paused time, and the item rules of item-process.ts
 * (`isOverdue`, `isPastBasic`, `closedOnTime`) as SQL on the read model's columns, as of `$2`.
 * test/dashboard-counters.e2e-spec.ts checks them against `aggregateBulletinItems` on the same items.
 */
const EFFECTIVE_FULL = `(i.full_deadline + i.paused_ms * interval '1 millisecond')`;
const EFFECTIVE_BASIC = `(i.basic_deadline + i.paused_ms * interval '1 millisecond')`;
const OVERDUE = `(i.status <> 'closed' AND i.paused_since IS NULL AND $2 > ${EFFECTIVE_FULL})`;
const PAST_BASIC = `(i.status = 'rectifying' AND i.paused_since IS NULL AND i.basic_done_at IS NULL
  AND $2 > ${EFFECTIVE_BASIC} AND NOT ${OVERDUE})`;

interface ListedRow {
  number: number;
  problem: string;
  responsible_unit: string;
  responsible_person_id: string;
  escalation_level: number;
  status: ItemStatus;
  basic_deadline: Date;
  full_deadline: Date;
  effective_basic: Date;
  effective_full: Date;
}

const listed = (row: ListedRow): BulletinListedItem => ({
  number: row.number,
  problem: row.problem,
  responsibleUnit: row.responsible_unit,
  responsiblePersonId: row.responsible_person_id,
  escalationLevel: row.escalation_level,
  status: row.status,
  deadlines: { basic: row.basic_deadline.toISOString(), full: row.full_deadline.toISOString() },
  effectiveBasic: row.effective_basic.toISOString(),
  effectiveFull: row.effective_full.toISOString(),
});

/** The bulletins of rectification ledgers: reading them, and what publishing one reads and writes. */
export class BulletinQueries extends Queries {
  /** The ledger's bulletins without their payloads, newest first. */
  summariesOf(ledgerId: string): Promise<Array<Pick<Bulletin, 'id' | 'number' | 'asOf' | 'trigger'>>> {
    return this.db.getRepository(Bulletin).find({
      select: { id: true, number: true, asOf: true, trigger: true },
      where: { ledgerId },
      order: { number: 'DESC' },
    });
  }

  byId(id: string): Promise<Bulletin | null> {
    return this.db.getRepository(Bulletin).findOneBy({ id });
  }

  /** Takes the ledger's numbering lock until the transaction ends (run inside one). */
  async lockNumbering(ledgerId: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BULLETIN_NUMBER_LOCK, ledgerId]);
  }

  /** The ledger's bulletin as of this instant, if it was published. */
  ofInstant(ledgerId: string, asOf: Date): Promise<Bulletin | null> {
    return this.db.getRepository(Bulletin).findOneBy({ ledgerId, asOf });
  }

  /** The highest number of the ledger's bulletins (0 before the first). */
  async lastNumber(ledgerId: string): Promise<number> {
    const rows: Array<{ last: number | null }> = await this.db.query(
      'SELECT max(number) AS last FROM bulletin WHERE ledger_id = $1',
      [ledgerId],
    );
    return rows[0]?.last ?? 0;
  }

  /** Stores a bulletin (frozen from then on: nothing updates it). */
  async store(
    row: Pick<Bulletin, 'ledgerId' | 'number' | 'asOf' | 'trigger' | 'payload'>,
  ): Promise<Bulletin> {
    const bulletins = this.db.getRepository(Bulletin);
    const bulletin = bulletins.create(row);
    await bulletins.save(bulletin);
    return bulletin;
  }

  /**
   * The bulletin's counts per unit and its lists, computed in the database from the items
   * registered by `asOf` (GROUP BY; the overdue list capped at OVERDUE_LIST_CAP), with the names of
   * the units and people they mention. No item's state leaves the database.
   */
  async ledgerAggregates(ledgerId: string, asOf: Date, criticismLevel: number): Promise<LedgerAggregates> {
    const scope = `FROM rectification_item i WHERE i.ledger_id = $1 AND i.created_at <= $2`;
    const columns = `i.number, i.problem, i.responsible_unit, i.responsible_person_id, i.escalation_level, i.status,
      i.basic_deadline, i.full_deadline, ${EFFECTIVE_BASIC} AS effective_basic, ${EFFECTIVE_FULL} AS effective_full`;
    const counts = await this.db.query<
      Array<
        Omit<BulletinUnitCounts, 'byLevel' | 'byLevelClosed'> & { levels: Array<[number, boolean, number]> }
      >
    >(
      `SELECT unit, sum(items)::int AS items, sum(closed)::int AS closed, sum("closedOnTime")::int AS "closedOnTime",
              sum("closedOnTimeOriginal")::int AS "closedOnTimeOriginal", sum(overdue)::int AS overdue,
              sum("pastBasic")::int AS "pastBasic", sum(paused)::int AS paused, sum(reopened)::int AS reopened,
              sum("repeatFindings")::int AS "repeatFindings",
              json_agg(json_build_array(level, is_closed, items)) AS levels
         FROM (SELECT i.responsible_unit AS unit, i.escalation_level AS level, i.status = 'closed' AS is_closed,
                      count(*) AS items,
                      count(*) FILTER (WHERE i.status = 'closed') AS closed,
                      count(*) FILTER (WHERE i.closed_at <= ${EFFECTIVE_FULL}) AS "closedOnTime",
                      count(*) FILTER (WHERE i.closed_at <= i.original_full_deadline + i.paused_ms * interval '1 millisecond')
                        AS "closedOnTimeOriginal",
                      count(*) FILTER (WHERE ${OVERDUE}) AS overdue,
                      count(*) FILTER (WHERE ${PAST_BASIC}) AS "pastBasic",
                      count(*) FILTER (WHERE i.status <> 'closed' AND i.paused_since IS NOT NULL) AS paused,
                      count(*) FILTER (WHERE i.reopen_count > 0) AS reopened,
                      count(*) FILTER (WHERE i.repeat_of IS NOT NULL) AS "repeatFindings"
                 ${scope} GROUP BY 1, 2, 3) per_level
        GROUP BY unit`,
      [ledgerId, asOf],
    );
    // one after another: the queries share the transaction's connection
    const overdue = await this.db.query<ListedRow[]>(
      `SELECT ${columns} ${scope} AND ${OVERDUE} ORDER BY ${EFFECTIVE_FULL}, i.number LIMIT ${OVERDUE_LIST_CAP}`,
      [ledgerId, asOf],
    );
    const pastBasic = await this.db.query<ListedRow[]>(
      `SELECT ${columns} ${scope} AND ${PAST_BASIC} ORDER BY i.number`,
      [ledgerId, asOf],
    );
    const criticised = await this.db.query<ListedRow[]>(
      `SELECT ${columns} ${scope} AND i.status <> 'closed' AND i.escalation_level >= $3 ORDER BY i.number`,
      [ledgerId, asOf, criticismLevel],
    );

    const aggregates: BulletinAggregates = {
      units: counts.map(({ levels, ...line }) => {
        const byLevel: Record<string, number> = {};
        const byLevelClosed: Record<string, number> = {};
        for (const [level, closed, n] of levels) {
          const into = closed ? byLevelClosed : byLevel;
          into[String(level)] = (into[String(level)] ?? 0) + n;
        }
        return { ...line, byLevel, byLevelClosed };
      }),
      overdue: overdue.map(listed),
      pastBasic: pastBasic.map(listed),
      criticised: criticised.map(listed),
    };
    const named = [...aggregates.overdue, ...aggregates.pastBasic, ...aggregates.criticised];
    const unitCodes = [...new Set([...counts.map((c) => c.unit), ...named.map((i) => i.responsibleUnit)])];
    const personIds = [...new Set(named.map((i) => i.responsiblePersonId))];
    const units = unitCodes.length
      ? await this.db
          .getRepository(Unit)
          .find({ select: { code: true, name: true }, where: { code: In(unitCodes) } })
      : [];
    const people = personIds.length
      ? await this.db
          .getRepository(User)
          .find({ select: { id: true, displayName: true }, where: { id: In(personIds) } })
      : [];
    return {
      aggregates,
      unitNames: Object.fromEntries(units.map((u) => [u.code, u.name])),
      personNames: Object.fromEntries(people.map((p) => [p.id, p.displayName])),
    };
  }
}
