import type { WorkingCalendar } from './campaign-plan';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since the epoch of a CST calendar date (YYYY-MM-DD); RangeError when it is not a real date. */
function dayNumber(date: string): number {
  const match = DATE_ONLY.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${date} 不是有效的日期（YYYY-MM-DD）`);
  }
  return time / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a CST date (YYYY-MM-DD) is a working day: listed make-up days work, listed holidays rest, else Mon–Fri. */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const day = dayNumber(date);
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(day * DAY_MS).getUTCDay(); // 0 Sunday … 6 Saturday
  return weekday >= 1 && weekday <= 5;
}

/** Steps `n` working days from `date` in `direction`, refusing to walk into a year the calendar does not know. */
function walkWorkingDays(calendar: WorkingCalendar, date: string, n: number, direction: 1 | -1): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数必须是非负整数，而不是 ${n}`);
  let day = dayNumber(date);
  let left = n;
  while (left > 0) {
    day += direction;
    const current = dateOf(day);
    const year = Number(current.slice(0, 4));
    if (!calendar.years.has(year)) {
      throw new RangeError(`工作日历未收录 ${year} 年的节假日安排，无法推算工作日`);
    }
    if (isWorkingDay(calendar, current)) left -= 1;
  }
  return dateOf(day);
}

/** The CST date `n` working days after `date` (n ≥ 1; `date` itself not counted). Throws RangeError naming the year when it crosses a year the calendar does not know. */
export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  return walkWorkingDays(calendar, date, n, 1);
}

/** The CST date `n` working days before `date` (`date` itself not counted). Same RangeError rule. */
export function subtractWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  return walkWorkingDays(calendar, date, n, -1);
}

/** Builds a calendar from rows of working_calendar_day and the known years. */
export function calendarFromRows(
  years: number[],
  rows: Array<{ day: string; kind: 'holiday' | 'workday' }>,
): WorkingCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const row of rows) {
    // A `date` column may arrive as YYYY-MM-DD or with a time part; the date is what counts.
    const day = row.day.slice(0, 10);
    (row.kind === 'holiday' ? holidays : workdays).add(day);
  }
  return { years: new Set(years), holidays, workdays };
}
