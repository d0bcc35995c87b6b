import { Queries } from '../queries';
import type { AuditEntry } from './audit-entry.entity';

// Serialises appends across the database so the chain never forks.
const AUDIT_CHAIN_LOCK = 727_002;

/**
 * The chain's end and its appends, on the caller's transaction (`appendAudit`). Plain statements:
 * every audited change runs them, a household's stage transition among them.
 */
export class AuditChainQueries extends Queries {
  /** Waits for the chain's transaction-scoped lock; the next statement's snapshot sees every append before it. */
  async lock(): Promise<void> {
    await this.prepared('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  }

  /** The last entry's number and hash; none on an empty chain. */
  async head(): Promise<{ seq: number; hash: string } | undefined> {
    const [row] = await this.prepared<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1',
      [],
    );
    return row && { seq: Number(row.seq), hash: row.hash };
  }

  async insert(entry: AuditEntry): Promise<void> {
    await this.prepared(
      `INSERT INTO audit_entry (seq, occurred_at, actor_id, actor_name, actor_unit, actor_roles, action, subject,
                                before, after, reason, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        entry.seq,
        entry.occurredAt,
        entry.actorId,
        entry.actorName,
        entry.actorUnit,
        entry.actorRoles,
        entry.action,
        entry.subject,
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
        entry.reason,
        entry.prevHash,
        entry.hash,
      ],
    );
  }
}
