import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Bulletin } from '../../../../libs/database/src/rectification/bulletin.entity';
import { Ledger } from '../../../../libs/database/src/rectification/ledger.entity';
import {
  LedgerNotFoundError,
  publishBulletin,
} from '../../../../libs/database/src/rectification/publish-bulletin';
import type { BulletinPayload } from '../../../../libs/domain/src/rectification/bulletin';
import { deadlineDate } from '../../../../libs/domain/src/time/deadline-display';
import { auditActor, CurrentUser } from '../access/current-user';
import { DocumentsService } from '../documents/documents.service';
import { BulletinSummaryView, BulletinView, PublishedBulletinView } from './dto/bulletin.dto';

const ledgerNotFound = (id: string) =>
  new NotFoundException({ code: 'LEDGER_NOT_FOUND', message: `整改台账 ${id} 不存在` });

export function bulletinSummary(bulletin: Bulletin): BulletinSummaryView {
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
  ) {}

  /** The office a bulletin without its own stamp (published before numbering) is printed under. */
  async defaultOffice(): Promise<string> {
    return (await this.documents.issuingOffice()).name;
  }

  /** The ledger's bulletins, newest first. */
  async list(ledgerId: string): Promise<BulletinSummaryView[]> {
    if (!(await this.dataSource.getRepository(Ledger).existsBy({ id: ledgerId })))
      throw ledgerNotFound(ledgerId);
    const bulletins = await this.dataSource.getRepository(Bulletin).find({
      select: { id: true, number: true, asOf: true, trigger: true },
      where: { ledgerId },
      order: { number: 'DESC' },
    });
    return bulletins.map(bulletinSummary);
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
    const bulletin = await this.dataSource.getRepository(Bulletin).findOneBy({ id });
    if (!bulletin) throw new NotFoundException({ code: 'BULLETIN_NOT_FOUND', message: `通报 ${id} 不存在` });
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
