import { Queries } from '../queries';

/** A day of the calendar: a public holiday or a make-up working day (调休). */
export interface CalendarDayRow {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** The working-day calendar (节假日与调休): the years it knows and their days. */
export class WorkingCalendarQueries extends Queries {
  /** Every known year and every day, for resolving plans. */
  async everything(): Promise<{ years: number[]; days: Array<Omit<CalendarDayRow, 'name'>> }> {
    const [years, days] = await Promise.all([
      this.db.query<Array<{ year: number }>>('SELECT year FROM working_calendar_year'),
      this.db.query<Array<Omit<CalendarDayRow, 'name'>>>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM working_calendar_day`,
      ),
    ]);
    return { years: years.map((y) => y.year), days };
  }

  /** Who last replaced the year and when; undefined when the calendar does not know the year. */
  async yearRecord(year: number): Promise<{ updatedBy: string; updatedAt: Date } | undefined> {
    const [known] = await this.db.query<Array<{ updated_by: string; updated_at: Date }>>(
      'SELECT updated_by, updated_at FROM working_calendar_year WHERE year = $1',
      [year],
    );
    return known && { updatedBy: known.updated_by, updatedAt: known.updated_at };
  }

  /** The year's days in date order. */
  daysOf(year: number): Promise<CalendarDayRow[]> {
    return this.db.query<CalendarDayRow[]>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM working_calendar_day
        WHERE day BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31) ORDER BY day`,
      [year],
    );
  }

  /**
   * Marks the year known (by `updatedBy`, now) and locks its row until the transaction ends, so a
   * concurrent replacement of the same year waits. Returns whether the year is new.
   */
  async markYearKnown(year: number, updatedBy: string): Promise<boolean> {
    const [upsert] = await this.db.query<Array<{ inserted: boolean }>>(
      `INSERT INTO working_calendar_year (year, updated_by) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [year, updatedBy],
    );
    return upsert.inserted;
  }

  /** Replaces the year's days by `days`. */
  async replaceDays(year: number, days: CalendarDayRow[], updatedBy: string): Promise<void> {
    await this.db.query(
      'DELETE FROM working_calendar_day WHERE day BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)',
      [year],
    );
    if (days.length > 0)
      await this.db.query(
        `INSERT INTO working_calendar_day (day, kind, name, updated_by)
         SELECT d, k, n, $4 FROM unnest($1::date[], $2::text[], $3::text[]) AS t(d, k, n)`,
        [days.map((r) => r.day), days.map((r) => r.kind), days.map((r) => r.name), updatedBy],
      );
  }
}
