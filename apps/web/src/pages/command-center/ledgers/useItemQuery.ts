import { useSearchParams } from 'react-router';
import { ITEM_STATUSES, type ItemStatus } from '../../../../../../libs/domain/src/rectification/item-process';

/** The item table's filter, named exactly as GET /api/rectifications takes it (so a batch can take it too). */
export interface ItemFilterQuery {
  status?: ItemStatus;
  unit?: string;
  level?: number;
  overdue?: boolean;
  q?: string;
}

export interface ItemQuery extends ItemFilterQuery {
  page: number;
  pageSize: number;
}

export const ITEM_PAGE_SIZES = [20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
/** The query-string names this table owns; other parameters of the page (e.g. `by`) are kept. */
const OWN = ['status', 'unit', 'level', 'overdue', 'q', 'page', 'pageSize'] as const;

const flag = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);
const whole = (value: string | null, min: number) => {
  if (value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isInteger(number) && number >= min ? number : undefined;
};

/** The filter as strings, as a query string carries it (for the batch button and links). */
export function filterStrings(ledgerId: string, query: ItemFilterQuery): Record<string, string | undefined> {
  return {
    ledger: ledgerId,
    status: query.status,
    unit: query.unit,
    level: query.level === undefined ? undefined : String(query.level),
    overdue: query.overdue === undefined ? undefined : String(query.overdue),
    q: query.q,
  };
}

/** Reads the table's query from the URL and writes changes back (a new filter goes back to page 1). */
export function useItemQuery(): [ItemQuery, (change: Partial<ItemQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const pageSize = whole(params.get('pageSize'), 1) ?? DEFAULT_PAGE_SIZE;
  const query: ItemQuery = {
    status: (ITEM_STATUSES as readonly string[]).includes(status ?? '') ? (status as ItemStatus) : undefined,
    unit: params.get('unit') || undefined,
    level: whole(params.get('level'), 0),
    overdue: flag(params.get('overdue')),
    q: params.get('q')?.trim() || undefined,
    page: whole(params.get('page'), 1) ?? 1,
    pageSize: ITEM_PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
  const update = (change: Partial<ItemQuery>) => {
    const paging = 'page' in change || 'pageSize' in change;
    const next: ItemQuery = { ...query, ...change, ...(paging ? {} : { page: 1 }) };
    setParams(
      (current) => {
        const search = new URLSearchParams(current);
        for (const name of OWN) search.delete(name);
        for (const name of OWN) {
          const value = next[name];
          if (value === undefined || value === '') continue;
          if (name === 'page' && value === 1) continue;
          if (name === 'pageSize' && value === DEFAULT_PAGE_SIZE) continue;
          search.set(name, String(value));
        }
        return search;
      },
      { replace: true },
    );
  };
  return [query, update];
}
