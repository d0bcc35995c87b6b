import { Queries } from '../queries';
import { AuditEntry } from './audit-entry.entity';

/** The audit trail as people read it. Appending and verifying are `appendAudit` and `verifyAuditChain`. */
export class AuditQueries extends Queries {
  /** One subject's entries in the order they were written, a page at a time. */
  async historyOf(
    subject: string,
    page: number,
    pageSize: number,
  ): Promise<{ total: number; items: AuditEntry[] }> {
    const [items, total] = await this.db.getRepository(AuditEntry).findAndCount({
      where: { subject },
      order: { seq: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { total, items };
  }
}
