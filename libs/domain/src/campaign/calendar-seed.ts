import type { WorkingCalendar } from './campaign-plan';
import { calendarFromRows } from './working-calendar';

/**
 * Holidays (休) and make-up working days (班) from the State Council's notices, per year: what the
 * campaigns migration seeds into working_calendar_day. Frozen once released — later corrections and
 * new years go through PUT /api/calendar/:year (or a new migration), never by editing this list.
 */
export const CALENDAR_SEED: Array<{
  year: number;
  holidays: Array<[string, string, string]>;
  workdays: string[];
}> = [
  {
    year: 2018,
    holidays: [
      ['2018-01-01', '2018-01-01', '元旦'],
      ['2018-02-15', '2018-02-21', '春节'],
      ['2018-04-05', '2018-04-07', '清明节'],
      ['2018-04-29', '2018-05-01', '劳动节'],
      ['2018-06-16', '2018-06-18', '端午节'],
      ['2018-09-22', '2018-09-24', '中秋节'],
      ['2018-10-01', '2018-10-07', '国庆节'],
      ['2018-12-30', '2018-12-31', '元旦'],
    ],
    workdays: [
      '2018-02-11',
      '2018-02-24',
      '2018-04-08',
      '2018-04-28',
      '2018-09-29',
      '2018-09-30',
      '2018-12-29',
    ],
  },
  {
    year: 2019,
    holidays: [
      ['2019-01-01', '2019-01-01', '元旦'],
      ['2019-02-04', '2019-02-10', '春节'],
      ['2019-04-05', '2019-04-07', '清明节'],
      ['2019-05-01', '2019-05-04', '劳动节'],
      ['2019-06-07', '2019-06-09', '端午节'],
      ['2019-09-13', '2019-09-15', '中秋节'],
      ['2019-10-01', '2019-10-07', '国庆节'],
    ],
    workdays: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  },
  {
    year: 2025,
    holidays: [
      ['2025-01-01', '2025-01-01', '元旦'],
      ['2025-01-28', '2025-02-04', '春节'],
      ['2025-04-04', '2025-04-06', '清明节'],
      ['2025-05-01', '2025-05-05', '劳动节'],
      ['2025-05-31', '2025-06-02', '端午节'],
      ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    holidays: [
      ['2026-01-01', '2026-01-03', '元旦'],
      ['2026-02-15', '2026-02-23', '春节'],
      ['2026-04-04', '2026-04-06', '清明节'],
      ['2026-05-01', '2026-05-05', '劳动节'],
      ['2026-06-19', '2026-06-21', '端午节'],
      ['2026-09-25', '2026-09-27', '中秋节'],
      ['2026-10-01', '2026-10-07', '国庆节'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** Every CST date from `from` to `to`, both included. */
export function* datesBetween(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

/** The seeded days as rows of working_calendar_day. */
export function calendarSeedRows(): Array<{
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  year: number;
}> {
  return CALENDAR_SEED.flatMap(({ year, holidays, workdays }) => [
    ...holidays.flatMap(([from, to, name]) =>
      [...datesBetween(from, to)].map((day) => ({ day, kind: 'holiday' as const, name, year })),
    ),
    ...workdays.map((day) => ({ day, kind: 'workday' as const, name: '调休上班', year })),
  ]);
}

/** The seeded calendar (all seeded years by default). */
export function seededCalendar(years: number[] = CALENDAR_SEED.map((seed) => seed.year)): WorkingCalendar {
  return calendarFromRows(
    years,
    calendarSeedRows().filter((row) => years.includes(row.year)),
  );
}
