import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Bulletin } from '../../../../libs/database/src/rectification/bulletin.entity';
import { BulletinQueries } from '../../../../libs/database/src/rectification/bulletin.queries';
import { LedgerQueries } from '../../../../libs/database/src/rectification/ledger.queries';
import {
  LedgerNotFoundError,
  publishBulletin,
} from '../../../../libs/database/src/rectification/publish-bulletin';
import type { BulletinPayload } from '../../../../libs/domain/src/rectification/bulletin';
import { deadlineDate } from '../../../../libs/domain/src/time/deadline-display';
import { auditActor, CurrentUser } from '../access/current-user';
import { DocumentsService } from '../documents/documents.service';
import { LedgerErrors } from '../ledgers/ledger.errors';
import { BulletinErrors } from './bulletin.errors';
import { BulletinSummaryView, BulletinView, PublishedBulletinView } from './dto/bulletin.dto';

const ledgerNotFound = (id: string) => LedgerErrors.error('LEDGER_NOT_FOUND', `整改台账 ${id} 不存在`);

export function bulletinSummary(
  bulletin: Pick<Bulletin, 'id' | 'number' | 'asOf' | 'trigger'>,
): BulletinSummaryView {
  return {
    id: bulletin.id,
    number: bulletin.number,
    asOf: bulletin.asOf.toISOString(),
    trigger: bulletin.trigger,
  };
}

/**
 * Bulletins (通报) of rectification ledgers: county-wide public documents, readable by every role.
 * Publishing goes through the same code as the scheduled bulletins (publishBulletin).
 */
@Injectable()
export class BulletinsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly ledgers: LedgerQueries,
    private readonly bulletins: BulletinQueries,
  ) {}

  /** The office a bulletin without its own stamp (published before numbering) is printed under. */
  async defaultOffice(): Promise<string> {
    return (await this.documents.issuingOffice()).name;
  }

  /** The ledger's bulletins, newest first. */
  async list(ledgerId: string): Promise<BulletinSummaryView[]> {
    if (!(await this.ledgers.exists(ledgerId))) throw ledgerNotFound(ledgerId);
    return (await this.bulletins.summariesOf(ledgerId)).map(bulletinSummary);
  }

  /** Publishes the ledger's bulletin as of now (on demand), with its audit entry. */
  async publish(caller: CurrentUser, ledgerId: string): Promise<PublishedBulletinView> {
    try {
      const { bulletin, created } = await publishBulletin(this.dataSource, {
        ledgerId,
        asOf: new Date(),
        trigger: 'on-demand',
        actor: auditActor(caller),
        documents: this.documents.settings,
      });
      return {
        ...bulletinSummary(bulletin),
        ledgerId: bulletin.ledgerId,
        created,
        location: `/api/bulletins/${bulletin.id}`,
      };
    } catch (error) {
      if (error instanceof LedgerNotFoundError) throw ledgerNotFound(ledgerId);
      throw error;
    }
  }

  async get(id: string): Promise<Bulletin> {
    const bulletin = await this.bulletins.byId(id);
    if (!bulletin) throw BulletinErrors.error('BULLETIN_NOT_FOUND', `通报 ${id} 不存在`);
    return bulletin;
  }

  async view(id: string): Promise<BulletinView> {
    const bulletin = await this.get(id);
    return {
      ...bulletinSummary(bulletin),
      ledgerId: bulletin.ledgerId,
      publishedAt: bulletin.createdAt.toISOString(),
      payload: withDeadlineDates(bulletin.payload as unknown as BulletinPayload),
    };
  }
}

/**
 * The day as written beside each full deadline of a bulletin: the ones frozen before
 * `fullDeadlineDate` existed get it from their deadline, the same value.
 */
function withDeadlineDates(payload: BulletinPayload): BulletinPayload {
  const dated = <T extends { fullDeadline: string }>(item: T) => ({
    ...item,
    fullDeadlineDate: deadlineDate(item.fullDeadline),
  });
  return {
    ...payload,
    overdueItems: payload.overdueItems.map(dated),
    criticised: payload.criticised.map(dated),
  };
}
