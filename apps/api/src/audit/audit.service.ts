import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from '../../../../libs/database/src/audit/audit-entry.entity';
import { AuditQueries } from '../../../../libs/database/src/audit/audit.queries';
import {
  appendAudit,
  AuditActor,
  AuditRecord,
  ChainVerdict,
  verifyAuditChain,
} from '../../../../libs/database/src/audit/audit-trail';

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: AuditQueries,
  ) {}

  /** Appends to the trail inside the transaction of the change (see appendAudit). */
  record(manager: EntityManager, actor: AuditActor, record: AuditRecord): Promise<AuditEntry> {
    return appendAudit(manager, actor, record);
  }

  /** Runs `change` and its audit entries in one transaction. */
  inTransaction<T>(change: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(change);
  }

  history(subject: string, page: number, pageSize: number): Promise<{ total: number; items: AuditEntry[] }> {
    return this.queries.historyOf(subject, page, pageSize);
  }

  verify(): Promise<ChainVerdict> {
    return verifyAuditChain(this.dataSource);
  }
}
