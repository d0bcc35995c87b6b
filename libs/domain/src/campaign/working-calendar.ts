import type { WorkingCalendar } from './campaign-plan';

/** Whether a CST date (YYYY-MM-DD) is a working day: listed make-up days work, listed holidays rest, else Mon–Fri. */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  throw new Error('TODO');
}

/** The CST date `n` working days after `date` (n ≥ 1; `date` itself not counted). Throws RangeError naming the year when it crosses a year the calendar does not know. */
export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  throw new Error('TODO');
}

/** The CST date `n` working days before `date` (`date` itself not counted). Same RangeError rule. */
export function subtractWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  throw new Error('TODO');
}

/** Builds a calendar from rows of working_calendar_day and the known years. */
export function calendarFromRows(
  years: number[],
  rows: Array<{ day: string; kind: 'holiday' | 'workday' }>,
): WorkingCalendar {
  throw new Error('TODO');
}
