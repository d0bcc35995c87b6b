import type { SelectQueryBuilder } from 'typeorm';
import { readsAcrossUnits, type UnitActor } from '../../../domain/src/access/unit-reach';
import type { RectificationItem } from './rectification-item.entity';

/** The filter fields of the item list (GET /api/rectifications), paging aside. */
export interface ItemFilter {
  ledger?: string;
  /** A unit code: items of this unit and the units below it. */
  unit?: string;
  status?: string;
  overdue?: boolean;
  level?: number;
  /** Free text: a part of the problem, its source or category, or the item number. */
  q?: string;
}

/**
 * Narrows a query on `rectification_item i` to the filter, and to what the actor may see (a
 * department: its own unit's items and those it verifies or is responsible for), so a filter never
 * reaches another unit's items. `unitPath` is the path of `filter.unit`, looked up by the caller.
 * Overdue is judged at `now` (a batch's start, the list's request).
 */
export function filterItems(
  qb: SelectQueryBuilder<RectificationItem>,
  filter: ItemFilter & { unitPath?: string },
  actor: UnitActor,
  now: Date,
): SelectQueryBuilder<RectificationItem> {
  if (!readsAcrossUnits(actor))
    qb.andWhere(
      '(i.responsible_unit_path LIKE :own OR i.verifier_id = :me OR i.responsible_person_id = :me)',
      { own: `${actor.unitPath}%`, me: actor.id },
    );
  if (filter.ledger) qb.andWhere('i.ledger_id = :ledger', { ledger: filter.ledger });
  if (filter.unitPath)
    qb.andWhere('i.responsible_unit_path LIKE :unitPath', { unitPath: `${filter.unitPath}%` });
  if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
  if (filter.level !== undefined) qb.andWhere('i.escalation_level = :level', { level: filter.level });
  if (filter.overdue !== undefined) {
    const overdue = `(i.status <> 'closed' AND i.paused_since IS NULL AND i.full_deadline + i.paused_ms * interval '1 millisecond' < :now)`;
    qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { now });
  }
  const text = filter.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb.andWhere(
      '(i.problem ILIKE :like OR i.source ILIKE :like OR i.category ILIKE :like OR CAST(i.number AS text) = :text)',
      { like, text },
    );
  }
  return qb;
}
