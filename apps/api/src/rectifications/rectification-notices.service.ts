import { Injectable } from '@nestjs/common';
import type { EscalationNotice } from '../../../../libs/database/src/rectification/escalation-notice.entity';
import { ItemReferenceQueries } from '../../../../libs/database/src/rectification/item-references.queries';
import { LedgerQueries } from '../../../../libs/database/src/rectification/ledger.queries';
import type { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import { RectificationItemQueries } from '../../../../libs/database/src/rectification/rectification-item.queries';
import { documentNumber } from '../../../../libs/domain/src/documents/official-document';
import type { CurrentUser } from '../access/current-user';
import type { NoticeDocument } from '../documents/notice-document';
import { RectificationErrors } from './rectification.errors';
import { RectificationsService } from './rectifications.service';

/**
 * The notices (催办单, 督办单 …) an item's ladder issued, as printable documents: whoever may see
 * the item may read them (the item's per-object check), anyone else gets the item's 404.
 */
@Injectable()
export class RectificationNoticesService {
  constructor(
    private readonly items: RectificationsService,
    private readonly itemRows: RectificationItemQueries,
    private readonly ledgers: LedgerQueries,
    private readonly references: ItemReferenceQueries,
  ) {}

  async all(
    caller: CurrentUser,
    itemId: string,
  ): Promise<{ item: RectificationItem; notices: Array<{ id: string; document: NoticeDocument }> }> {
    const item = await this.items.visibleItem(caller, itemId);
    const rows = await this.itemRows.noticesOf(itemId);
    return { item, notices: await this.documents(item, rows) };
  }

  async one(caller: CurrentUser, itemId: string, noticeId: string): Promise<NoticeDocument> {
    const item = await this.items.visibleItem(caller, itemId);
    const row = await this.itemRows.noticeOf(itemId, noticeId);
    if (!row) throw RectificationErrors.error('NOTICE_NOT_FOUND', `该问题没有编号为 ${noticeId} 的督办通知`);
    const [notice] = await this.documents(item, [row]);
    return notice.document;
  }

  private async documents(
    item: RectificationItem,
    rows: EscalationNotice[],
  ): Promise<Array<{ id: string; document: NoticeDocument }>> {
    const [ledger, unit, person] = await Promise.all([
      this.ledgers.byId(item.ledgerId),
      this.references.unitByCode(item.responsibleUnit),
      this.references.person(item.responsiblePersonId),
    ]);
    const offices = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.issuingUnit)))
      offices.set(code, await this.references.officeName(code));
    const deadlines = [
      { label: '基本整改到位期限', at: item.basicDeadline },
      { label: '全面整改到位期限', at: item.fullDeadline },
    ];
    return rows.map((row) => ({
      id: row.id,
      document: {
        kind: row.noticeKind,
        number: documentNumber(row.year, row.serial),
        label: row.label,
        issuingOffice: offices.get(row.issuingUnit) ?? '',
        unitNames: [unit?.name ?? item.responsibleUnit],
        responsiblePerson: person?.displayName ?? null,
        matter: `问题 ${item.number}：${item.problem}`,
        source: `台账：${ledger?.name ?? item.ledgerId}`,
        deadlines,
        // a reminder (催办单) comes before the basic deadline, and is answered by it
        remindsOf: item.basicDoneAt ? item.fullDeadline : item.basicDeadline,
        issuedAt: row.issuedAt,
        leaderMustAct: row.leaderMustAct,
        leaderDecision: row.leaderDecision,
      },
    }));
  }
}
