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

/** One condition on `rectification_item i`, its parameters named (`:ledger`). */
interface ItemCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The conditions of the filter, and of what the actor may see (a department: its own unit's items
 * and those it verifies or is responsible for), so a filter never reaches another unit's items.
 * `unitPath` is the path of `filter.unit`, looked up by the caller. Overdue is judged at `now` (a
 * batch's start, the list's request).
 */
function itemConditions(
  filter: ItemFilter & { unitPath?: string },
  actor: UnitActor,
  now: Date,
): ItemCondition[] {
  const conditions: ItemCondition[] = [];
  const where = (sql: string, params: Record<string, unknown> = {}) => conditions.push({ sql, params });
  if (!readsAcrossUnits(actor))
    where('(i.responsible_unit_path LIKE :own OR i.verifier_id = :me OR i.responsible_person_id = :me)', {
      own: `${actor.unitPath}%`,
      me: actor.id,
    });
  if (filter.ledger) where('i.ledger_id = :ledger', { ledger: filter.ledger });
  if (filter.unitPath) where('i.responsible_unit_path LIKE :unitPath', { unitPath: `${filter.unitPath}%` });
  if (filter.status) where('i.status = :status', { status: filter.status });
  if (filter.level !== undefined) where('i.escalation_level = :level', { level: filter.level });
  if (filter.overdue !== undefined) {
    const overdue = `(i.status <> 'closed' AND i.paused_since IS NULL AND i.full_deadline + i.paused_ms * interval '1 millisecond' < :now)`;
    where(filter.overdue ? overdue : `NOT ${overdue}`, { now });
  }
  const text = filter.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where(
      '(i.problem ILIKE :like OR i.source ILIKE :like OR i.category ILIKE :like OR CAST(i.number AS text) = :text)',
      { like, text },
    );
  }
  return conditions;
}

/** Narrows a query builder on `rectification_item i` to the filter and to what the actor may see (itemConditions). */
export function filterItems(
  qb: SelectQueryBuilder<RectificationItem>,
  filter: ItemFilter & { unitPath?: string },
  actor: UnitActor,
  now: Date,
): SelectQueryBuilder<RectificationItem> {
  for (const { sql, params } of itemConditions(filter, actor, now)) qb.andWhere(sql, params);
  return qb;
}

/**
 * The same conditions as one SQL `WHERE` text on `rectification_item i` with positional parameters
 * ($1, $2 …), for a statement written without a query builder.
 */
export function itemWhere(
  filter: ItemFilter & { unitPath?: string },
  actor: UnitActor,
  now: Date,
): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const positions = new Map<string, number>();
  const texts = itemConditions(filter, actor, now).map(({ sql, params: named }) =>
    sql.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
      if (!positions.has(name)) positions.set(name, params.push(named[name]));
      return `$${positions.get(name)}`;
    }),
  );
  return { where: texts.length > 0 ? texts.join(' AND ') : 'true', params };
}
