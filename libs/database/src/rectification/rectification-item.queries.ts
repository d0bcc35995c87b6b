import { In } from 'typeorm';
import type { UnitActor } from '../../../domain/src/access/unit-reach';
import { Queries } from '../queries';
import { EscalationNotice } from './escalation-notice.entity';
import { EvidenceFile } from './evidence-file.entity';
import { ItemComment } from './item-comment.entity';
import { entityFromRow } from '../entity-rows';
import { filterItems, itemWhere, type ItemFilter } from './item-filter';
import { RectificationEvent } from './rectification-event.entity';
import { RectificationItem } from './rectification-item.entity';

/** A filter of the item list with the path of its unit, looked up by the caller (see filterItems). */
export type ResolvedItemFilter = ItemFilter & { unitPath?: string };

/** Rectification items as the list, an item's page, the ledger workbook and batches read them. */
export class RectificationItemQueries extends Queries {
  byId(id: string): Promise<RectificationItem | null> {
    return this.db.getRepository(RectificationItem).findOneBy({ id });
  }

  byIdOrFail(id: string): Promise<RectificationItem> {
    return this.db.getRepository(RectificationItem).findOneByOrFail({ id });
  }

  /** Whether the item is one of the ledger's (a repeat finding must point into its own ledger). */
  isInLedger(id: string, ledgerId: string): Promise<boolean> {
    return this.db.getRepository(RectificationItem).existsBy({ id, ledgerId });
  }

  /**
   * One page of the items `actor` may see that match the filter (overdue judged at `now`), by full
   * deadline then number, with the number of all that match.
   */
  async page(
    filter: ResolvedItemFilter,
    actor: UnitActor,
    now: Date,
    page: number,
    pageSize: number,
  ): Promise<{ rows: RectificationItem[]; total: number }> {
    // One statement, one round trip: the count of all that match (an index-only count) beside the
    // page (the index's order), the page's columns null when it is past the end. Written as SQL:
    // the query builder spent more of the API's time building and hydrating than Postgres did.
    const { where, params } = itemWhere(filter, actor, now);
    const limit = params.length + 1;
    const found = await this.db.query<Array<Record<string, unknown> & { total: string }>>(
      `SELECT matching.total, p.*
         FROM (SELECT count(*) AS total FROM rectification_item i WHERE ${where}) matching
         LEFT JOIN LATERAL (
           SELECT i.* FROM rectification_item i WHERE ${where}
            ORDER BY i.full_deadline, i.number LIMIT $${limit} OFFSET $${limit + 1}
         ) p ON true
        ORDER BY p.full_deadline, p.number`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const item = entityFromRow(this.db, RectificationItem);
    return {
      rows: found.filter((row) => row.id !== null).map(item),
      total: Number(found[0]?.total ?? 0),
    };
  }

  /** Every item `actor` may see that matches the filter, by ledger and number (a batch's objects). */
  matching(filter: ResolvedItemFilter, actor: UnitActor, now: Date): Promise<RectificationItem[]> {
    return filterItems(this.filtered(), filter, actor, now)
      .orderBy('i.ledger_id', 'ASC')
      .addOrderBy('i.number', 'ASC')
      .getMany();
  }

  private filtered() {
    return this.db.getRepository(RectificationItem).createQueryBuilder('i');
  }

  /** The numbers of these items (in no particular order). */
  async numbersOf(ids: string[]): Promise<number[]> {
    const rows = await this.db
      .getRepository(RectificationItem)
      .find({ where: { id: In(ids) }, select: { number: true } });
    return rows.map((row) => row.number);
  }

  /** These items, by number. */
  inNumberOrder(ids: string[]): Promise<RectificationItem[]> {
    return this.db
      .getRepository(RectificationItem)
      .find({ where: { id: In(ids) }, order: { number: 'ASC' } });
  }

  /** The item's timeline, oldest change first. */
  timelineOf(itemId: string): Promise<RectificationEvent[]> {
    return this.db.getRepository(RectificationEvent).find({ where: { itemId }, order: { version: 'ASC' } });
  }

  /** The item's evidence (without content), in the order it was uploaded. */
  evidenceOf(itemId: string): Promise<EvidenceFile[]> {
    return this.db.getRepository(EvidenceFile).find({ where: { itemId }, order: { uploadedAt: 'ASC' } });
  }

  /** The comments on the item, oldest first. */
  commentsOf(itemId: string): Promise<ItemComment[]> {
    return this.db.getRepository(ItemComment).find({ where: { itemId }, order: { createdAt: 'ASC' } });
  }

  async addComment(comment: Pick<ItemComment, 'itemId' | 'authorId' | 'authorName' | 'authorUnit' | 'body'>) {
    const comments = this.db.getRepository(ItemComment);
    await comments.insert(comments.create(comment));
  }

  /** The notices the item's ladder issued, in the order they were issued. */
  noticesOf(itemId: string): Promise<EscalationNotice[]> {
    return this.db
      .getRepository(EscalationNotice)
      .find({ where: { itemId }, order: { issuedAt: 'ASC', level: 'ASC' } });
  }

  /** One notice of the item, or null (also when the notice is another item's). */
  noticeOf(itemId: string, noticeId: string): Promise<EscalationNotice | null> {
    return this.db.getRepository(EscalationNotice).findOneBy({ id: noticeId, itemId });
  }
}
