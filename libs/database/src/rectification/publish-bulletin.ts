import { DataSource, EntityManager, In } from 'typeorm';
import {
  assembleBulletin,
  criticismLevelOf,
  OVERDUE_LIST_CAP,
  type BulletinAggregates,
  type BulletinListedItem,
  type BulletinTrigger,
  type BulletinUnitCounts,
} from '../../../domain/src/rectification/bulletin';
import type { ItemStatus } from '../../../domain/src/rectification/item-process';
import { appendAudit, type AuditActor } from '../audit/audit-trail';
import { type DocumentSettings, stampDocument } from '../documents/document-numbers';
import { User } from '../identity/user.entity';
import { Unit } from '../organisation/unit.entity';
import { Bulletin } from './bulletin.entity';
import { Ledger } from './ledger.entity';

/** Who publishes a scheduled bulletin: the ledger's bulletin workflow. */
export const BULLETIN_SCHEDULE_ACTOR: AuditActor = {
  id: 'system:bulletin-schedule',
  name: '系统（定期通报）',
  unit: null,
  roles: [],
};

export interface PublishBulletinInput {
  ledgerId: string;
  /** The instant the bulletin reports on (a due time of the schedule, or now). */
  asOf: Date | string;
  trigger: BulletinTrigger;
  actor: AuditActor;
  /** The county's issuing office (ISSUING_UNIT_CODE): the bulletin is numbered in its 通报 sequence. */
  documents?: DocumentSettings;
}

export interface PublishBulletinResult {
  bulletin: Bulletin;
  /** False when a bulletin of this ledger for this instant existed already and was returned as is. */
  created: boolean;
}

/** The ledger does not exist (or is not committed yet). */
export class LedgerNotFoundError extends Error {
  readonly ledgerId: string;
  constructor(ledgerId: string) {
    super(`ledger ${ledgerId} does not exist`);
    this.name = 'LedgerNotFoundError';
    this.ledgerId = ledgerId;
  }
}

/** The sequence bulletins are numbered in (〔2026〕第3期), shared by ledger and campaign bulletins. */
export const BULLETIN_KIND = '通报';

// Class key of the per-ledger numbering lock (the second key is a hash of the ledger id).
const BULLETIN_NUMBER_LOCK = 727_020;

/**
 * Publishes the bulletin of a ledger as of an instant: builds the payload from the read model,
 * numbers it (previous highest + 1, under a per-ledger transaction-scoped advisory lock), stores it
 * and appends one audit entry, all in one transaction. Idempotent: when the ledger has a bulletin
 * for `asOf` already, that one is returned unchanged, so a retried activity never publishes twice.
 * A bulletin is frozen once written: nothing here or elsewhere updates it.
 */
export function publishBulletin(
  dataSource: DataSource,
  input: PublishBulletinInput,
): Promise<PublishBulletinResult> {
  const asOf = new Date(input.asOf);
  if (Number.isNaN(asOf.getTime())) throw new RangeError(`asOf ${String(input.asOf)} is not an instant`);
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      BULLETIN_NUMBER_LOCK,
      input.ledgerId,
    ]);
    const ledger = await manager.getRepository(Ledger).findOneBy({ id: input.ledgerId });
    if (!ledger) throw new LedgerNotFoundError(input.ledgerId);

    const bulletins = manager.getRepository(Bulletin);
    const existing = await bulletins.findOneBy({ ledgerId: ledger.id, asOf });
    if (existing) return { bulletin: existing, created: false };

    const rows: Array<{ last: number | null }> = await manager.query(
      'SELECT max(number) AS last FROM bulletin WHERE ledger_id = $1',
      [ledger.id],
    );
    const number = (rows[0]?.last ?? 0) + 1;
    const { aggregates, unitNames, personNames } = await readLedger(
      manager,
      ledger.id,
      asOf,
      criticismLevelOf(ledger.ladder),
    );
    const built = assembleBulletin(
      {
        ledger: { id: ledger.id, name: ledger.name, source: ledger.source },
        number,
        asOf,
        ladder: ledger.ladder,
        unitNames,
        personNames,
        overdueListRoute: `/api/rectifications?ledger=${ledger.id}&overdue=true`,
      },
      aggregates,
    );
    // its 文号 in the office's 通报 sequence of the year, taken in this transaction (no gaps, no repeats)
    const payload = {
      ...built,
      document: await stampDocument(manager, input.documents, BULLETIN_KIND, asOf),
    };
    const bulletin = bulletins.create({
      ledgerId: ledger.id,
      number,
      asOf,
      trigger: input.trigger,
      payload: payload as unknown as Record<string, unknown>,
    });
    await bulletins.save(bulletin);
    await appendAudit(manager, input.actor, {
      action: 'bulletin.published',
      subject: `ledger:${ledger.id}`,
      after: {
        bulletinId: bulletin.id,
        number,
        asOf: asOf.toISOString(),
        trigger: input.trigger,
        totals: payload.totals,
      },
    });
    return { bulletin, created: true };
  });
}

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

/**
 * The bulletin's counts per unit and its lists, computed in the database from the items
 * registered by `asOf` (GROUP BY; the overdue list capped at OVERDUE_LIST_CAP), with the names of
 * the units and people they mention. No item's state leaves the database.
 */
export async function readLedger(
  manager: EntityManager,
  ledgerId: string,
  asOf: Date,
  criticismLevel: number,
): Promise<{
  aggregates: BulletinAggregates;
  unitNames: Record<string, string>;
  personNames: Record<string, string>;
}> {
  const scope = `FROM rectification_item i WHERE i.ledger_id = $1 AND i.created_at <= $2`;
  const columns = `i.number, i.problem, i.responsible_unit, i.responsible_person_id, i.escalation_level, i.status,
    i.basic_deadline, i.full_deadline, ${EFFECTIVE_BASIC} AS effective_basic, ${EFFECTIVE_FULL} AS effective_full`;
  const counts = await manager.query<
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
  const overdue = await manager.query<ListedRow[]>(
    `SELECT ${columns} ${scope} AND ${OVERDUE} ORDER BY ${EFFECTIVE_FULL}, i.number LIMIT ${OVERDUE_LIST_CAP}`,
    [ledgerId, asOf],
  );
  const pastBasic = await manager.query<ListedRow[]>(
    `SELECT ${columns} ${scope} AND ${PAST_BASIC} ORDER BY i.number`,
    [ledgerId, asOf],
  );
  const criticised = await manager.query<ListedRow[]>(
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
    ? await manager
        .getRepository(Unit)
        .find({ select: { code: true, name: true }, where: { code: In(unitCodes) } })
    : [];
  const people = personIds.length
    ? await manager
        .getRepository(User)
        .find({ select: { id: true, displayName: true }, where: { id: In(personIds) } })
    : [];
  return {
    aggregates,
    unitNames: Object.fromEntries(units.map((u) => [u.code, u.name])),
    personNames: Object.fromEntries(people.map((p) => [p.id, p.displayName])),
  };
}
