import type { DataSource, EntityManager } from 'typeorm';
import {
  assembleBulletin,
  criticismLevelOf,
  type BulletinTrigger,
} from '../../../domain/src/rectification/bulletin';
import { appendAudit, type AuditActor } from '../audit/audit-trail';
import { type DocumentSettings, stampDocument } from '../documents/document-numbers';
import type { Bulletin } from './bulletin.entity';
import { BulletinQueries, type LedgerAggregates } from './bulletin.queries';

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
    const bulletins = new BulletinQueries(manager);
    await bulletins.lockNumbering(input.ledgerId);
    // after the lock, so that a bulletin committed meanwhile is seen (a statement reads as of its start)
    const publication = await bulletins.publicationOf(input.ledgerId, asOf);
    if (!publication) throw new LedgerNotFoundError(input.ledgerId);
    const { ledger, existingId, lastNumber } = publication;
    if (existingId) {
      const existing = await bulletins.byId(existingId);
      if (existing) return { bulletin: existing, created: false };
    }

    const number = lastNumber + 1;
    const { aggregates, unitNames, personNames } = await bulletins.ledgerAggregates(
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
    const bulletin = await bulletins.store({
      ledgerId: ledger.id,
      number,
      asOf,
      trigger: input.trigger,
      payload,
    });
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

/** The bulletin's counts and lists as of `asOf` (BulletinQueries.ledgerAggregates on this manager). */
export function readLedger(
  manager: EntityManager,
  ledgerId: string,
  asOf: Date,
  criticismLevel: number,
): Promise<LedgerAggregates> {
  return new BulletinQueries(manager).ledgerAggregates(ledgerId, asOf, criticismLevel);
}
