/** One counter whose stored value differs from the value recomputed from the household rows. */
export interface CounterDrift {
  table: 'household_tally' | 'household_stage_count';
  programmeId: string;
  /** `kind key village_path` of a tally, `township stage` of a stage count. */
  counter: string;
  stored: number;
  recomputed: number;
}

/** What the reconciliation runs its statement on: an EntityManager, or a plain pg client adapted. */
export interface SqlRunner {
  query<T>(text: string, parameters?: unknown[]): Promise<T>;
}

export interface CounterReconciliation {
  /** Counters compared (non-zero on either side). */
  counters: number;
  drift: CounterDrift[];
}

/**
 * Recomputes every household counter from the rows — the tallies through the same
 * `household_tally_keys` the triggers use, the stage counts by grouping — and compares them with
 * the stored ones, each the sum of its slots (optionally for one programme). Empty `drift`: the counters equal the rows.
 * Run it in a REPEATABLE READ transaction (or on a quiet database) to compare one snapshot.
 */
export async function reconcileHouseholdCounters(
  manager: SqlRunner,
  programmeId?: string,
): Promise<CounterReconciliation> {
  const rows = await manager.query<
    Array<{
      table: CounterDrift['table'];
      programme_id: string;
      counter: string;
      stored: number;
      recomputed: number;
    }>
  >(
    `WITH recomputed AS (
       SELECT h.programme_id, k.kind, k.key, h.village_path, count(*)::int AS n
         FROM household h JOIN housing_programme p ON p.id = h.programme_id
        CROSS JOIN LATERAL household_tally_keys(h.stage, h.approval_level, h.notice_ends_at, h.started_at,
          h.completed_at, h.last_progress_at, h.withdrawn_at, h.registered_poor, h.escalation_level, h.township,
          h.acceptance_signed_units, p.housing_bureau) k
        WHERE $1::uuid IS NULL OR h.programme_id = $1
        GROUP BY 1, 2, 3, 4),
     stored AS (
       SELECT programme_id, kind, key, village_path, sum(households)::int AS n FROM household_tally
        WHERE $1::uuid IS NULL OR programme_id = $1
        GROUP BY 1, 2, 3, 4 HAVING sum(households) <> 0),
     stages AS (
       SELECT programme_id, township, stage, count(*)::int AS n FROM household
        WHERE $1::uuid IS NULL OR programme_id = $1 GROUP BY 1, 2, 3),
     stage_counts AS (
       SELECT programme_id, township, stage, sum(households)::int AS n FROM household_stage_count
        WHERE $1::uuid IS NULL OR programme_id = $1
        GROUP BY 1, 2, 3 HAVING sum(households) <> 0)
     SELECT 'household_tally' AS table, programme_id, concat_ws(' ', kind, key, village_path) AS counter,
            coalesce(s.n, 0) AS stored, coalesce(r.n, 0) AS recomputed
       FROM recomputed r FULL JOIN stored s USING (programme_id, kind, key, village_path)
     UNION ALL
     SELECT 'household_stage_count', programme_id, concat_ws(' ', township, stage),
            coalesce(c.n, 0), coalesce(g.n, 0)
       FROM stages g FULL JOIN stage_counts c USING (programme_id, township, stage)`,
    [programmeId ?? null],
  );
  return {
    counters: rows.length,
    drift: rows
      .filter((r) => r.stored !== r.recomputed)
      .map((r) => ({
        table: r.table,
        programmeId: r.programme_id,
        counter: r.counter,
        stored: r.stored,
        recomputed: r.recomputed,
      })),
  };
}
