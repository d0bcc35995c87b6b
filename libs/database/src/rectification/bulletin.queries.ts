import { OVERDUE_LIST_CAP, type BulletinAggregates } from '../../../domain/src/rectification/bulletin';
import { Queries } from '../queries';
import { Bulletin } from './bulletin.entity';
import type { Ledger } from './ledger.entity';

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

/** The items a bulletin as of `$2` reports on: the ledger's (`$1`) registered by then. */
const SCOPE = `FROM rectification_item i WHERE i.ledger_id = $1 AND i.created_at <= $2`;

/** An instant as `Date.prototype.toISOString` writes it (UTC, milliseconds, `Z`). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One listed item as JSON, in the shape of BulletinListedItem. */
const LISTED = `json_build_object('number', number, 'problem', problem, 'responsibleUnit', responsible_unit,
  'responsiblePersonId', responsible_person_id, 'escalationLevel', escalation_level, 'status', status,
  'deadlines', json_build_object('basic', ${iso('basic_deadline')}, 'full', ${iso('full_deadline')}),
  'effectiveBasic', ${iso('effective_basic')}, 'effectiveFull', ${iso('effective_full')})`;

/**
 * Everything a ledger's bulletin reports as of `$2`, in one statement ($1 the ledger, $3 the
 * criticism level) answered as one JSON value, from two reads of the ledger's items registered by
 * then (the counts by GROUP BY; the few items a list may name, kept for the lists):
 * the counts per unit (BulletinUnitCounts) and the three lists (BulletinListedItem), with the names
 * of the units and people they mention. The lists leave the database capped:
 * - overdue: the OVERDUE_LIST_CAP earliest working full deadlines (then by number), as the bulletin names them;
 * - pastBasic: the bulletin names the OVERDUE_LIST_CAP items with the most whole CST days past the
 *   basic deadline (`daysOverdue`, then by number), worked out by the domain. Days past it never
 *   grow with a later deadline, and two deadlines with as many days are less than two days apart
 *   (the same CST day, or the first two days, both counted 1), so the items up to two days after
 *   the OVERDUE_LIST_CAP-th earliest deadline hold every item the bulletin can name;
 * - criticised: all (a bulletin names every open item at or above the criticism level).
 */
const AGGREGATES = `
WITH per_level AS (
  SELECT i.responsible_unit AS unit, i.escalation_level AS level, i.status = 'closed' AS is_closed, count(*) AS items,
         count(*) FILTER (WHERE i.status = 'closed') AS closed,
         count(*) FILTER (WHERE i.closed_at <= ${EFFECTIVE_FULL}) AS closed_on_time,
         count(*) FILTER (WHERE i.closed_at <= i.original_full_deadline + i.paused_ms * interval '1 millisecond')
           AS closed_on_time_original,
         count(*) FILTER (WHERE ${OVERDUE}) AS overdue,
         count(*) FILTER (WHERE ${PAST_BASIC}) AS past_basic,
         count(*) FILTER (WHERE i.status <> 'closed' AND i.paused_since IS NOT NULL) AS paused,
         count(*) FILTER (WHERE i.reopen_count > 0) AS reopened,
         count(*) FILTER (WHERE i.repeat_of IS NOT NULL) AS repeat_findings
    ${SCOPE} GROUP BY 1, 2, 3
), item AS MATERIALIZED (
  -- the items one of the lists may name, read once
  SELECT i.number, i.problem, i.responsible_unit, i.responsible_person_id, i.escalation_level, i.status,
         i.basic_deadline, i.full_deadline, ${EFFECTIVE_BASIC} AS effective_basic, ${EFFECTIVE_FULL} AS effective_full,
         ${OVERDUE} AS overdue, ${PAST_BASIC} AS past_basic
    ${SCOPE} AND i.status <> 'closed' AND (${OVERDUE} OR ${PAST_BASIC} OR i.escalation_level >= $3)
), per_unit AS (
  SELECT unit, json_build_object('unit', unit, 'items', sum(items)::int, 'closed', sum(closed)::int,
           'closedOnTime', sum(closed_on_time)::int, 'closedOnTimeOriginal', sum(closed_on_time_original)::int,
           'overdue', sum(overdue)::int, 'pastBasic', sum(past_basic)::int, 'paused', sum(paused)::int,
           'reopened', sum(reopened)::int, 'repeatFindings', sum(repeat_findings)::int,
           'byLevel', coalesce(json_object_agg(level::text, items) FILTER (WHERE NOT is_closed), '{}'),
           'byLevelClosed', coalesce(json_object_agg(level::text, items) FILTER (WHERE is_closed), '{}')) AS line
    FROM per_level GROUP BY unit
), overdue_list AS (
  SELECT * FROM item WHERE overdue ORDER BY effective_full, number LIMIT ${OVERDUE_LIST_CAP}
), past_basic_cut AS (
  SELECT effective_basic FROM item WHERE past_basic ORDER BY effective_basic OFFSET ${OVERDUE_LIST_CAP - 1} LIMIT 1
), past_basic_list AS (
  SELECT * FROM item WHERE past_basic
     AND (NOT EXISTS (SELECT FROM past_basic_cut)
          OR effective_basic < (SELECT effective_basic FROM past_basic_cut) + interval '2 days')
), criticised_list AS (
  SELECT * FROM item WHERE escalation_level >= $3
)
SELECT json_build_object(
  'units', (SELECT coalesce(json_agg(line ORDER BY unit), '[]') FROM per_unit),
  'overdue', (SELECT coalesce(json_agg(${LISTED} ORDER BY effective_full, number), '[]') FROM overdue_list),
  'pastBasic', (SELECT coalesce(json_agg(${LISTED} ORDER BY number), '[]') FROM past_basic_list),
  'criticised', (SELECT coalesce(json_agg(${LISTED} ORDER BY number), '[]') FROM criticised_list),
  'unitNames', (SELECT coalesce(json_object_agg(u.code, u.name), '{}') FROM unit u
                 WHERE u.code IN (SELECT unit FROM per_unit)),
  'personNames', (SELECT coalesce(json_object_agg(p.id, p.display_name), '{}') FROM app_user p
                   WHERE p.id IN (SELECT responsible_person_id FROM overdue_list
                                  UNION SELECT responsible_person_id FROM past_basic_list
                                  UNION SELECT responsible_person_id FROM criticised_list))
) AS bulletin`;

/** What publishing reads of the ledger first, under its numbering lock. */
export interface LedgerPublication {
  ledger: Pick<Ledger, 'id' | 'name' | 'source' | 'ladder'>;
  /** The id of the ledger's bulletin for the instant asked, when it was published already. */
  existingId: string | null;
  /** The highest number of the ledger's bulletins (0 before the first). */
  lastNumber: number;
}

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

  /**
   * Stores a bulletin (frozen from then on: nothing updates it) in one INSERT, its payload sent as
   * JSON text as is (the repository's save() would copy and walk the whole payload first).
   */
  async store(
    row: Pick<Bulletin, 'ledgerId' | 'number' | 'asOf' | 'trigger' | 'payload'>,
  ): Promise<Bulletin> {
    const [stored] = await this.db.query<Array<Pick<Bulletin, 'id' | 'createdAt'>>>(
      `INSERT INTO bulletin (ledger_id, number, as_of, trigger, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
       RETURNING id, created_at AS "createdAt"`,
      [row.ledgerId, row.number, row.asOf, row.trigger, JSON.stringify(row.payload)],
    );
    return Object.assign(new Bulletin(), row, stored);
  }

  /**
   * The statement of `ledgerAggregates`, for the benchmark that times it beside a publication
   * (parameters: the ledger id, the instant, the criticism level).
   */
  static readonly AGGREGATES_STATEMENT = AGGREGATES;

  /**
   * The bulletin's counts per unit and its lists, computed in the database from the items
   * registered by `asOf` in one statement (AGGREGATES above): the overdue list capped at
   * OVERDUE_LIST_CAP, the list of items past the basic deadline holding at least the ones the
   * bulletin names, with the names of the units and people they mention. No other item leaves the
   * database.
   */
  async ledgerAggregates(ledgerId: string, asOf: Date, criticismLevel: number): Promise<LedgerAggregates> {
    const [{ bulletin }] = await this.db.query<
      Array<{ bulletin: BulletinAggregates & Pick<LedgerAggregates, 'unitNames' | 'personNames'> }>
    >(AGGREGATES, [ledgerId, asOf, criticismLevel]);
    const { unitNames, personNames, ...aggregates } = bulletin;
    return { aggregates, unitNames, personNames };
  }

  /**
   * In one statement: the ledger (null when it does not exist), the id of its bulletin for `asOf`
   * if one was published, and its last number. Run under `lockNumbering` in the same transaction.
   */
  async publicationOf(ledgerId: string, asOf: Date): Promise<LedgerPublication | null> {
    const [row] = await this.db.query<
      Array<LedgerPublication['ledger'] & { existing_id: string | null; last_number: number }>
    >(
      `SELECT l.id, l.name, l.source, l.ladder,
              (SELECT b.id FROM bulletin b WHERE b.ledger_id = l.id AND b.as_of = $2) AS existing_id,
              (SELECT coalesce(max(b.number), 0) FROM bulletin b WHERE b.ledger_id = l.id) AS last_number
         FROM ledger l WHERE l.id = $1`,
      [ledgerId, asOf],
    );
    if (!row) return null;
    const { existing_id, last_number, ...ledger } = row;
    return { ledger, existingId: existing_id, lastNumber: last_number };
  }
}
