import { CST_OFFSET_MS } from './china-time';
/**
 * How people read a deadline, the one rule for every writer (XLSX, HTML, notices, notifications,
 * bulletins, the JSON API's `…Date` fields).
 *
 * A deadline is stored as an instant. A date alone ("12月15日前", `2026-12-15`) means the end of
 * that day in China Standard Time and is stored as the next day's 00:00:00.000 CST
 * (`deadlineInstant('2026-12-15')` = 2026-12-16T00:00+08:00). So an instant at exactly midnight
 * CST is shown as the day before, as written in the source document (`2026-12-15`,
 * `2026年12月15日`); any other instant is shown with its CST time (`2026-12-15 18:00`). Times that
 * are not deadlines (recorded at, published at) go through `showInstant` and are never shifted.
 *
 * Days left and days overdue count CST calendar days the way people count them: the deadline's
 * day is its last day (for `2026-12-15`, 15 December; for an instant, the CST day it falls on).
 * On that day `daysLeft` is 0, the day before 1. From the first second after the deadline the item
 * is overdue by 1 day (on 16 December 1, on 18 December 3); an item overdue on its deadline's own
 * day (a deadline in the middle of a day) also counts 1.
 *
 * Pure arithmetic (CST is UTC+8 all year), no Node built-ins: workflows import it.
 */
const DAY_MS = 86_400_000;

function instantOf(value: Date | string): Date | null {
  const instant = typeof value === 'string' ? new Date(value) : value;
  return instant instanceof Date && !Number.isNaN(instant.getTime()) ? instant : null;
}

function valid(value: Date | string): Date {
  const instant = instantOf(value);
  if (!instant) throw new RangeError(`${String(value)} is not an instant`);
  return instant;
}

/** CST wall clock of an instant, as an ISO string (`2026-12-15T18:00:00.000Z` meaning 18:00 CST). */
const wall = (instant: Date) => new Date(instant.getTime() + CST_OFFSET_MS).toISOString();

/** The CST calendar day an instant falls on, as a day number (days since 1970-01-01). */
const cstDay = (instant: Date) => Math.floor((instant.getTime() + CST_OFFSET_MS) / DAY_MS);

/**
 * The day as written (`2026-12-15`) when the deadline was given as a date, i.e. the instant is
 * exactly 00:00:00.000 CST (the end of the day before); null for any other instant, and for
 * something that is not an instant at all.
 */
export function deadlineDate(instant: Date | string): string | null {
  const at = instantOf(instant);
  if (!at || (at.getTime() + CST_OFFSET_MS) % DAY_MS !== 0) return null;
  return wall(new Date(at.getTime() - 1)).slice(0, 10);
}

/** `2026-12-15 18:00` in China Standard Time, for times that are not deadlines. */
export function showInstant(instant: Date | string): string {
  const shifted = wall(valid(instant));
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** A deadline in tables and exports: `2026-12-15` for a date deadline, else `2026-12-15 18:00`. */
export function showDeadline(instant: Date | string): string {
  return deadlineDate(valid(instant)) ?? showInstant(instant);
}

/**
 * A deadline in Chinese prose (notices, notifications): `2026年12月15日` for a date deadline,
 * `2026年12月15日 18:00` for an instant. The year is always written: its callers are 督办单/催办单
 * and notifications, formal text read later, and their deadlines cross a year end often enough
 * (a rectification ledger registered in November with deadlines the next June, a winter campaign)
 * that "6月30日" alone would be ambiguous. Tables and exports use `showDeadline`.
 */
export function showDeadlineProse(instant: Date | string): string {
  const at = valid(instant);
  const date = deadlineDate(at);
  const day = date ?? wall(at).slice(0, 10);
  const text = `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
  return date ? text : `${text} ${wall(at).slice(11, 16)}`;
}

/** The deadline's last day as a CST day number: the written day for a date deadline. */
const lastDay = (deadline: Date) => cstDay(new Date(deadline.getTime() - 1));

/**
 * Whole days left before the deadline as of `asOf` (0 on the last day); null once it has passed.
 */
export function daysLeft(deadline: Date | string, asOf: Date | string): number | null {
  const [end, now] = [valid(deadline), valid(asOf)];
  if (now.getTime() > end.getTime()) return null;
  return Math.max(0, lastDay(end) - cstDay(now));
}

/**
 * Days overdue as of `asOf` (at least 1 once the deadline has passed); 0 while it has not.
 */
export function daysOverdue(deadline: Date | string, asOf: Date | string): number {
  const [end, now] = [valid(deadline), valid(asOf)];
  if (now.getTime() <= end.getTime()) return 0;
  return Math.max(1, cstDay(now) - lastDay(end));
}
