import { DataSource, EntityManager, MoreThanOrEqual } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditChainQueries } from './audit-chain.queries';
import { auditEntryHash, GENESIS_HASH } from './audit-hash';

/** Who did something: a person, a machine client's token, or the system itself (a workflow). */
export interface AuditActor {
  id: string;
  name: string;
  unit: string | null;
  roles: string[];
}

export interface AuditRecord {
  action: string;
  subject: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

/**
 * Appends one entry to the chain inside the caller's transaction: the change and its audit entry
 * commit together or not at all. Concurrent appenders wait on a transaction-scoped advisory lock.
 */
export async function appendAudit(
  manager: EntityManager,
  actor: AuditActor,
  record: AuditRecord,
): Promise<AuditEntry> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendAudit must run inside the transaction of the change it records');
  }
  const chain = new AuditChainQueries(manager);
  await chain.lock();
  const last = await chain.head();
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    occurredAt: new Date(),
    actorId: actor.id,
    actorName: actor.name,
    actorUnit: actor.unit,
    actorRoles: actor.roles,
    action: record.action,
    subject: record.subject,
    before: record.before ?? null,
    after: record.after ?? null,
    reason: record.reason ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const entry: AuditEntry = { ...fields, hash: auditEntryHash(fields) };
  await chain.insert(entry);
  return entry;
}

export type ChainVerdict =
  | { intact: true; entries: number; lastHash: string }
  | { intact: false; entries: number; brokenAt: number; problem: string };

/** Recomputes the whole chain in order and names the first entry that was changed, removed or inserted. */
export async function verifyAuditChain(dataSource: DataSource, batchSize = 2000): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const batch = await dataSource.getRepository(AuditEntry).find({
      where: { seq: MoreThanOrEqual(expectedSeq) },
      order: { seq: 'ASC' },
      take: batchSize,
    });
    for (const entry of batch) {
      const broken = (problem: string): ChainVerdict => ({
        intact: false,
        entries: expectedSeq - 1,
        brokenAt: entry.seq,
        problem,
      });
      if (entry.seq !== expectedSeq)
        return broken(`第 ${expectedSeq} 条记录缺失（其后现存的是第 ${entry.seq} 条）`);
      if (entry.prevHash !== prevHash)
        return broken(`第 ${entry.seq} 条记录与第 ${entry.seq - 1} 条衔接不上：其前的记录被改动或删除`);
      const { hash, ...fields } = entry;
      if (auditEntryHash(fields) !== hash) return broken(`第 ${entry.seq} 条记录写入后被改动`);
      prevHash = hash;
      expectedSeq += 1;
    }
    if (batch.length < batchSize) return { intact: true, entries: expectedSeq - 1, lastHash: prevHash };
  }
}
