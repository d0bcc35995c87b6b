import { DataSource, EntityManager, In } from 'typeorm';
import {
  buildBulletin,
  type BulletinItemRow,
  type BulletinTrigger,
} from '../../../domain/src/rectification/bulletin';
import { appendAudit, type AuditActor } from '../audit/audit-trail';
import { type DocumentSettings, stampDocument } from '../documents/document-numbers';
import { User } from '../identity/user.entity';
import { Unit } from '../organisation/unit.entity';
import { Bulletin } from './bulletin.entity';
import { Ledger } from './ledger.entity';
import { RectificationItem } from './rectification-item.entity';

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
    const built = buildBulletin({
      ledger: { id: ledger.id, name: ledger.name, source: ledger.source },
      number,
      asOf,
      ladder: ledger.ladder,
      ...(await readLedger(manager, ledger.id, asOf)),
    });
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

/** The ledger's items registered by `asOf`, with the names of their units and people. */
async function readLedger(
  manager: EntityManager,
  ledgerId: string,
  asOf: Date,
): Promise<{
  items: BulletinItemRow[];
  unitNames: Record<string, string>;
  personNames: Record<string, string>;
}> {
  const items = await manager
    .getRepository(RectificationItem)
    .createQueryBuilder('i')
    .where('i.ledger_id = :ledgerId', { ledgerId })
    .andWhere('i.created_at <= :asOf', { asOf })
    .orderBy('i.number', 'ASC')
    .getMany();
  const unitCodes = [...new Set(items.map((i) => i.responsibleUnit))];
  const personIds = [...new Set(items.map((i) => i.responsiblePersonId))];
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
    items: items.map((i) => ({
      id: i.id,
      number: i.number,
      problem: i.problem,
      responsibleUnit: i.responsibleUnit,
      responsiblePersonId: i.responsiblePersonId,
      escalationLevel: i.escalationLevel,
      reopenCount: i.reopenCount,
      repeatOf: i.repeatOf,
      state: i.state,
    })),
    unitNames: Object.fromEntries(units.map((u) => [u.code, u.name])),
    personNames: Object.fromEntries(people.map((p) => [p.id, p.displayName])),
  };
}
