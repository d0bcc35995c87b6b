import { Queries } from '../queries';

/** One counter group of a programme's progress: a stage, escalation level or progress day, by township. */
export interface ProgressTally {
  kind: string;
  /** The stage or level; '' for the progress days (summed). */
  key: string;
  township: string;
  name: string;
  households: number;
}

/** One township's row of the monthly report (月报). */
export interface MonthlyTallyRow {
  township: string;
  name: string;
  households: number;
  startedInMonth: number;
  startedCumulative: number;
  completedInMonth: number;
  completedCumulative: number;
  registeredPoor: number;
}

/**
 * `AND <column> LIKE $<n>` for a department's own unit, nothing for the whole programme: two
 * statement texts, so that the whole programme's named statement carries no unit condition (a
 * generic plan of `($n IS NULL OR … LIKE $n)` filters every row on it).
 */
const withinCondition = (within: string | null, column: string, n: number): string =>
  within === null ? '' : `AND ${column} LIKE $${n}`;

/** The parameters, with `within` last when there is one (see withinCondition). */
const withWithin = (params: unknown[], within: string | null): unknown[] =>
  within === null ? params : [...params, within];

/**
 * The dashboards' figures from the counters (`household_tally`, kept by the household table's
 * triggers in the transaction of every change) and the few indexed reads beside them. `within` is a
 * `village_path LIKE` pattern (a department's own unit) or null for the whole programme.
 */
export class HousingReportQueries extends Queries {
  /**
   * Stage and escalation counts by township, and the households whose last progress was on a CST
   * day before `beforeDay` (summed per township).
   */
  progressTallies(programmeId: string, within: string | null, beforeDay: string): Promise<ProgressTally[]> {
    return this.prepared<ProgressTally>(
      `SELECT t.kind, CASE WHEN t.kind = 'progress-day' THEN '' ELSE t.key END AS key, t.township, u.name,
              sum(t.households)::int AS households
         FROM household_tally t JOIN unit u ON u.code = t.township
        WHERE t.programme_id = $1 AND t.households <> 0 ${withinCondition(within, 't.village_path', 3)}
          AND (t.kind IN ('stage', 'escalation') OR (t.kind = 'progress-day' AND t.key < $2))
        GROUP BY 1, 2, 3, 4 HAVING sum(t.households) <> 0 ORDER BY 3`,
      withWithin([programmeId, beforeDay], within),
    );
  }

  /** Active households whose last progress is in [from, to) (index household_active_progress). */
  async activeLastProgressedBetween(
    programmeId: string,
    from: Date,
    to: Date,
    within: string | null,
  ): Promise<number> {
    const [row] = await this.prepared<{ households: number }>(
      `SELECT count(*)::int AS households FROM household
        WHERE programme_id = $1 AND stage NOT IN ('moved-in', 'withdrawn')
          AND last_progress_at >= $2 AND last_progress_at < $3 ${withinCondition(within, 'village_path', 4)}`,
      withWithin([programmeId, from, to], within),
    );
    return row?.households ?? 0;
  }

  /**
   * The monthly report by township: `started` / `completed` are keyed by CST month, so "in the
   * month" is that key and "to its end" every key up to it. Townships without households left out.
   */
  monthlyByTownship(programmeId: string, month: string, within: string | null): Promise<MonthlyTallyRow[]> {
    return this.prepared<MonthlyTallyRow>(
      `SELECT t.township, u.name,
              sum(t.households) FILTER (WHERE t.kind = 'households')::int AS households,
              coalesce(sum(t.households) FILTER (WHERE t.kind = 'started' AND t.key = $2), 0)::int AS "startedInMonth",
              coalesce(sum(t.households) FILTER (WHERE t.kind = 'started'), 0)::int AS "startedCumulative",
              coalesce(sum(t.households) FILTER (WHERE t.kind = 'completed' AND t.key = $2), 0)::int AS "completedInMonth",
              coalesce(sum(t.households) FILTER (WHERE t.kind = 'completed'), 0)::int AS "completedCumulative",
              coalesce(sum(t.households) FILTER (WHERE t.kind = 'registered-poor'), 0)::int AS "registeredPoor"
         FROM household_tally t JOIN unit u ON u.code = t.township
        WHERE t.programme_id = $1 AND t.households <> 0 ${withinCondition(within, 't.village_path', 3)}
          AND (t.kind IN ('households', 'registered-poor') OR (t.kind IN ('started', 'completed') AND t.key <= $2))
        GROUP BY t.township, u.name HAVING sum(t.households) FILTER (WHERE t.kind = 'households') > 0
        ORDER BY t.township`,
      withWithin([programmeId, month], within),
    );
  }
}
