import { In } from 'typeorm';
import type { UnitActor } from '../../../domain/src/access/unit-reach';
import { Queries } from '../queries';
import { EscalationNotice } from './escalation-notice.entity';
import { EvidenceFile } from './evidence-file.entity';
import { ItemComment } from './item-comment.entity';
import { itemClockOf } from '../pause-columns';
import type { ItemClock, ItemStatus } from '../../../domain/src/rectification/item-process';
import { filterItems, itemWhere, type ItemFilter } from './item-filter';
import { RectificationEvent } from './rectification-event.entity';
import { RectificationItem } from './rectification-item.entity';

/** A filter of the item list with the path of its unit, looked up by the caller (see filterItems). */
export type ResolvedItemFilter = ItemFilter & { unitPath?: string };

/**
 * An item as the list shows it: the columns its summary reads, and its clock (deadlines, pauses)
 * from the columns the projection writes from its state; not the JSON state, analysis and measures.
 */
export type ItemListRow = Pick<
  RectificationItem,
  | 'id'
  | 'ledgerId'
  | 'number'
  | 'problem'
  | 'category'
  | 'responsibleUnit'
  | 'responsiblePersonId'
  | 'verifierId'
  | 'status'
  | 'basicDeadline'
  | 'fullDeadline'
  | 'originalFullDeadline'
  | 'closedAt'
  | 'pausedSince'
  | 'pausedMs'
  | 'pendingExtension'
  | 'reopenCount'
  | 'escalationLevel'
  | 'awaitingLeader'
  | 'version'
> & { state: ItemClock };

interface ItemListColumns {
  id: string;
  ledger_id: string;
  number: number;
  problem: string;
  category: string;
  responsible_unit: string;
  responsible_person_id: string;
  verifier_id: string;
  status: ItemStatus;
  basic_deadline: Date;
  full_deadline: Date;
  original_full_deadline: Date;
  closed_at: Date | null;
  paused_since: Date | null;
  paused_ms: string;
  pending_extension: RectificationItem['pendingExtension'];
  reopen_count: number;
  escalation_level: number;
  awaiting_leader: number[];
  version: number;
}

/** The columns of a list row (`ItemListRow`), as `i.…`. */
export const ITEM_LIST_COLUMNS = `i.id, i.ledger_id, i.number, i.problem, i.category, i.responsible_unit, i.responsible_person_id,
  i.verifier_id, i.status, i.basic_deadline, i.full_deadline, i.original_full_deadline, i.closed_at, i.paused_since,
  i.paused_ms, i.pending_extension, i.reopen_count, i.escalation_level, i.awaiting_leader, i.version`;

const listRow = (row: ItemListColumns): ItemListRow => ({
  id: row.id,
  ledgerId: row.ledger_id,
  number: row.number,
  problem: row.problem,
  category: row.category,
  responsibleUnit: row.responsible_unit,
  responsiblePersonId: row.responsible_person_id,
  verifierId: row.verifier_id,
  status: row.status,
  basicDeadline: row.basic_deadline,
  fullDeadline: row.full_deadline,
  originalFullDeadline: row.original_full_deadline,
  closedAt: row.closed_at,
  pausedSince: row.paused_since,
  pausedMs: Number(row.paused_ms),
  pendingExtension: row.pending_extension,
  reopenCount: row.reopen_count,
  escalationLevel: row.escalation_level,
  awaitingLeader: row.awaiting_leader,
  version: row.version,
  state: itemClockOf(row),
});

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
  ): Promise<{ rows: ItemListRow[]; total: number }> {
    // One statement, one round trip: the count of all that match (an index-only count) beside the
    // page (the index's order), the page's columns null when it is past the end. Written as SQL:
    // the query builder spent more of the API's time building and hydrating than Postgres did.
    const { where, params } = itemWhere(filter, actor, now);
    const limit = params.length + 1;
    const found = await this.prepared<ItemListColumns & { total: string }>(
      `SELECT matching.total, p.*
         FROM (SELECT count(*) AS total FROM rectification_item i WHERE ${where}) matching
         LEFT JOIN LATERAL (
           SELECT ${ITEM_LIST_COLUMNS} FROM rectification_item i WHERE ${where}
            ORDER BY i.full_deadline, i.number LIMIT $${limit} OFFSET $${limit + 1}
         ) p ON true
        ORDER BY p.full_deadline, p.number`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return {
      rows: found.filter((row) => row.id !== null).map(listRow),
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
