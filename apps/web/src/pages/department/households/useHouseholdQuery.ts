import { useSearchParams } from 'react-router';
import {
  HOUSEHOLD_SORTS,
  type HouseholdSort,
} from '../../../../../../libs/contracts/src/housing/household-list';
import type { HouseholdStage } from '../../../../../../libs/domain/src/housing/household-stages';
import { HOUSEHOLD_STAGES } from '../../../../../../libs/domain/src/housing/household-stages';

export type { HouseholdSort };

/** The table's query, named exactly as the API's HouseholdsQuery, kept in the URL. */
export interface HouseholdQuery {
  programme?: string;
  township?: string;
  village?: string;
  stage?: HouseholdStage;
  overdue?: boolean;
  stalled?: boolean;
  sort?: HouseholdSort;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 50;
const PAGE_SIZES = [20, 50, 100, 200];

const flag = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);
const positive = (value: string | null, fallback: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
};

/** Reads the query from the URL and writes changes back (a new filter goes back to page 1). */
export function useHouseholdQuery(): [HouseholdQuery, (change: Partial<HouseholdQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const stage = params.get('stage');
  const sort = params.get('sort');
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const query: HouseholdQuery = {
    programme: params.get('programme') ?? undefined,
    township: params.get('township') ?? undefined,
    village: params.get('village') ?? undefined,
    stage: (HOUSEHOLD_STAGES as readonly string[]).includes(stage ?? '')
      ? (stage as HouseholdStage)
      : undefined,
    overdue: flag(params.get('overdue')),
    stalled: flag(params.get('stalled')),
    sort: (HOUSEHOLD_SORTS as readonly string[]).includes(sort ?? '') ? (sort as HouseholdSort) : undefined,
    page: positive(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
  const update = (change: Partial<HouseholdQuery>) => {
    const paging = 'page' in change || 'pageSize' in change;
    const next: HouseholdQuery = { ...query, ...change, ...(paging ? {} : { page: 1 }) };
    if ('township' in change && change.township !== query.township && !('village' in change))
      next.village = undefined;
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(next) as Array<
      [string, string | number | boolean | undefined]
    >) {
      if (value === undefined || value === '') continue;
      if (name === 'page' && value === 1) continue;
      if (name === 'pageSize' && value === DEFAULT_PAGE_SIZE) continue;
      search.set(name, String(value));
    }
    setParams(search);
  };
  return [query, update];
}

export { PAGE_SIZES };
