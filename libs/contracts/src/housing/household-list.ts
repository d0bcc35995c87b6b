/**
 * How a list of households may be ordered (GET /api/housing/households `sort`): a column, descending
 * with a leading `-`. The API validates it; the console reads it from the URL.
 */
export const HOUSEHOLD_SORTS = [
  'householdNo',
  '-householdNo',
  'lastProgressAt',
  '-lastProgressAt',
  'escalationLevel',
  '-escalationLevel',
] as const;
export type HouseholdSort = (typeof HOUSEHOLD_SORTS)[number];
