/**
 * China Standard Time is UTC+8 all year (no daylight saving since 1991), so these rules are plain
 * arithmetic: deterministic, and safe inside workflow code.
 */
export const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A deadline given as a date alone means the end of that day in China Standard Time: "6月30日前"
 * is 2019-06-30, i.e. the instant 2019-07-01T00:00+08:00. Instants pass through unchanged.
 */
export function deadlineInstant(value: string): Date {
  if (DATE_ONLY.test(value)) return new Date(cstDayStart(value).getTime() + 86_400_000);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime()) || !/T\d{2}:\d{2}/.test(value)) {
    throw new RangeError(`${value} is neither a date (YYYY-MM-DD) nor an ISO 8601 instant`);
  }
  return instant;
}

/**
 * The instant a calendar day (`2026-06-15`) starts in China Standard Time, 2026-06-15T00:00+08:00.
 * Throws a RangeError for anything that is not a real calendar date in that form.
 */
export function cstDayStart(date: string): Date {
  const match = DATE_ONLY.exec(date);
  if (!match) throw new RangeError(`${date} is not a date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`${date} is not a calendar date`);
  }
  return new Date(check.getTime() - CST_OFFSET_MS);
}

/**
 * `2026-11-23 19:05` in China Standard Time, for times that are not deadlines (the same as
 * `showInstant`). Never for a deadline: a date deadline would show as the next day's 00:00 — use
 * `showDeadline` / `showDeadlineProse` (./deadline-display).
 */
export function formatCst(instant: Date): string {
  const shifted = new Date(instant.getTime() + CST_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** The CST calendar date (YYYY-MM-DD) an instant falls on. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether an instant is 00:00 China Standard Time, the start of a CST day. */
export function startsCstDay(instant: Date): boolean {
  return (instant.getTime() + CST_OFFSET_MS) % DAY_MS === 0;
}

/** The first time of day (minutes after CST midnight) strictly after `after`. */
export function nextDailyCst(minutes: number, after: Date): Date {
  const wall = after.getTime() + CST_OFFSET_MS;
  let candidate = Math.floor(wall / DAY_MS) * DAY_MS + minutes * MINUTE_MS;
  if (candidate <= wall) candidate += DAY_MS;
  return new Date(candidate - CST_OFFSET_MS);
}

/** The first weekday (1 Monday … 7 Sunday) at a time of day (minutes after CST midnight) strictly after `after`. */
export function nextWeeklyCst(weekday: number, minutes: number, after: Date): Date {
  const wall = after.getTime() + CST_OFFSET_MS;
  const dayStart = Math.floor(wall / DAY_MS) * DAY_MS;
  const today = new Date(dayStart).getUTCDay() || 7;
  let candidate = dayStart + ((weekday - today + 7) % 7) * DAY_MS + minutes * MINUTE_MS;
  if (candidate <= wall) candidate += 7 * DAY_MS;
  return new Date(candidate - CST_OFFSET_MS);
}

/** The first `day` of a month at an hour, CST, strictly after `after`. */
export function nextMonthlyCst(day: number, hour: number, after: Date): Date {
  const wall = new Date(after.getTime() + CST_OFFSET_MS);
  const [year, month] = [wall.getUTCFullYear(), wall.getUTCMonth()];
  let candidate = Date.UTC(year, month, day, hour);
  if (candidate <= wall.getTime()) candidate = Date.UTC(year, month + 1, day, hour);
  return new Date(candidate - CST_OFFSET_MS);
}

/** The next Monday 09:00 China Standard Time after `now`: when a weekly bulletin goes out by default. */
export function nextMondayMorningCst(now: Date): Date {
  return nextWeeklyCst(1, 9 * 60, now);
}

/** The end of the CST day `days` after the day `instant` falls on (a date deadline: 00:00 CST of the day after). */
export function endOfCstDayAfter(instant: Date, days: number): Date {
  const [y, m, d] = cstDate(instant).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days + 1) - CST_OFFSET_MS);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The instants a calendar month (`2026-06`) starts and ends in China Standard Time; end exclusive. */
export function cstMonthRange(month: string): { start: Date; end: Date } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`${month} is not a month (YYYY-MM)`);
  const [year, index] = [Number(match[1]), Number(match[2]) - 1];
  return {
    start: new Date(Date.UTC(year, index, 1) - CST_OFFSET_MS),
    end: new Date(Date.UTC(year, index + 1, 1) - CST_OFFSET_MS),
  };
}
