import { Injectable } from '@nestjs/common';
import { ItemReferenceQueries } from '../../../../libs/database/src/rectification/item-references.queries';
import type { RectificationItem } from '../../../../libs/database/src/rectification/rectification-item.entity';
import { RectificationItemQueries } from '../../../../libs/database/src/rectification/rectification-item.queries';
import type { CurrentUser } from '../access/current-user';
import { fieldInvalid } from '../common/validation-failed';
import type { RectificationsQuery } from './dto/rectification.dto';
import type { ItemDetailView, ItemPage } from './dto/rectification-view.dto';
import { itemDetail, itemSummary } from './item-views';
import { maySee } from './rectification-access';
import { RectificationErrors } from './rectification.errors';

/** Reading rectification items: the list, one item's page, and the item a caller may see. */
@Injectable()
export class RectificationsService {
  constructor(
    private readonly items: RectificationItemQueries,
    private readonly references: ItemReferenceQueries,
  ) {}

  async list(caller: CurrentUser, query: RectificationsQuery): Promise<ItemPage> {
    const unitPath = await this.filterUnitPath(query.unit);
    const { rows, total } = await this.items.page(
      { ...query, unitPath },
      caller,
      new Date(),
      query.page,
      query.pageSize,
    );
    const now = new Date();
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => itemSummary(row, now)),
    };
  }

  /** The path of a filter's unit (400 naming `unit` if there is no such unit). */
  async filterUnitPath(code: string | undefined): Promise<string | undefined> {
    if (!code) return undefined;
    const unit = await this.references.unitByCode(code);
    if (!unit) throw fieldInvalid('unit', `单位 ${code} 不存在`, `单位 ${code} 不存在`);
    return unit.path;
  }

  /** The item, or 404 if it does not exist or the caller may not see it (no hint either way). */
  async visibleItem(caller: CurrentUser, id: string): Promise<RectificationItem> {
    const item = await this.items.byId(id);
    if (!item || !maySee(caller, item))
      throw RectificationErrors.error('ITEM_NOT_FOUND', `问题 ${id} 不存在`);
    return item;
  }

  async detail(caller: CurrentUser, id: string): Promise<ItemDetailView> {
    const item = await this.visibleItem(caller, id);
    const [events, evidence, comments, notices] = await Promise.all([
      this.items.timelineOf(id),
      this.items.evidenceOf(id),
      this.items.commentsOf(id),
      this.items.noticesOf(id),
    ]);
    return itemDetail(item, events, evidence, comments, notices);
  }
}
