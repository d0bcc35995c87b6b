import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { AuditEntry } from './audit-entry.entity';

/** The hash that the first entry of the chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Omit<AuditEntry, 'hash'>;

/**
 * SHA-256 over a canonical serialization (keys sorted, instants as ISO strings) of every field but
 * the hash itself, the previous hash included: changing any field or any earlier entry changes it.
 */
export function auditEntryHash(entry: HashedFields): string {
  const canonical = stringify({
    seq: entry.seq,
    occurredAt: entry.occurredAt.toISOString(),
    actorId: entry.actorId,
    actorName: entry.actorName,
    actorUnit: entry.actorUnit,
    actorRoles: entry.actorRoles,
    action: entry.action,
    subject: entry.subject,
    before: entry.before,
    after: entry.after,
    reason: entry.reason,
    prevHash: entry.prevHash,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}
