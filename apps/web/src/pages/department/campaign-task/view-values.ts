import { daysLeft, daysOverdue, deadlineDate } from '../../../../../../libs/domain/src/time/deadline-display';
import { daysText } from '../../../shared/deadline';

/**
 * The OpenAPI document types some optional fields loosely (`Record<string, never>` for `string |
 * null`); these read them as what the API sends.
 */
export function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function objectOf<T extends object>(value: unknown): T | null {
  return value !== null && typeof value === 'object' ? (value as T) : null;
}

/** The day as written of a deadline instant the API sends without its `…Date` (extensions). */
export const deadlineDateOf = (instant: string): string | null => deadlineDate(instant);

/** 剩余 N 天 / 逾期 N 天 of a deadline as of `asOf` (the API's, or now), by libs/domain's day count. */
export function daysTextAsOf(deadline: string, asOf: string | Date = new Date()): string {
  const overdue = daysOverdue(deadline, asOf);
  return overdue > 0 ? daysText(null, overdue) : daysText(daysLeft(deadline, asOf), null);
}

export const daysTextNow = (deadline: string): string => daysTextAsOf(deadline);
