import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from '../../../../libs/database/src/audit/audit-entry.entity';
import {
  appendAudit,
  AuditActor,
  AuditRecord,
  ChainVerdict,
  verifyAuditChain,
} from '../../../../libs/database/src/audit/audit-trail';

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends to the trail inside the transaction of the change (see appendAudit). */
  record(manager: EntityManager, actor: AuditActor, record: AuditRecord): Promise<AuditEntry> {
    return appendAudit(manager, actor, record);
  }

  /** Runs `change` and its audit entries in one transaction. */
  inTransaction<T>(change: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(change);
  }

  async history(
    subject: string,
    page: number,
    pageSize: number,
  ): Promise<{ total: number; items: AuditEntry[] }> {
    const [items, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where: { subject },
      order: { seq: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { total, items };
  }

  verify(): Promise<ChainVerdict> {
    return verifyAuditChain(this.dataSource);
  }
}
