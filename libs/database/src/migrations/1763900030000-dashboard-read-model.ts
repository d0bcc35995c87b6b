import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the dashboards need to answer at county scale without reading every household or its JSON:
 *
 * - `household.acceptance_signed_units`: the units that have signed the household's acceptance
 *   (written by the projection beside the state), so the to-do lists no longer open the JSON state.
 * - `household_tally`: counters per programme, village and kind, kept by statement-level triggers on
 *   `household` in the same transaction as every insert, update or delete — whoever writes the row
 *   (the projection activity, the reconciler, an import, a backfill). `household_tally_keys` says
 *   what one household row counts towards; the triggers add the new rows' keys and take away the
 *   old rows' ones, so a repeated or stale projection (which changes no row) changes no counter.
 *   Kinds: `stage` (key: stage), `households` and `registered-poor` (not withdrawn), `started` and
 *   `completed` (key: CST month, not withdrawn), `progress-day` (active households by the CST day
 *   of their last progress: stalled = the days before the threshold's day plus that day's rows
 *   before the threshold), `escalation` (key: level > 0), and who a household waits for:
 *   `waiting-village`, `waiting-township`, `waiting-bureau` (key: `stage:level`).
 * - indexes: active households by last progress (the boundary day of the stalled count), open
 *   rectification items by responsible unit, and items by verifier and by responsible person.
 *
 * Existing rows are backfilled.
 */
/** The arguments of `household_tally_keys` from a household row `alias` and its programme `p`. */
const TALLY_ARGS = (alias: string) =>
  [
    'stage',
    'approval_level',
    'notice_ends_at',
    'started_at',
    'completed_at',
    'last_progress_at',
    'withdrawn_at',
    'registered_poor',
    'escalation_level',
    'township',
    'acceptance_signed_units',
  ]
    .map((column) => `${alias}.${column}`)
    .concat('p.housing_bureau')
    .join(', ');

export class DashboardReadModel1763900030000 implements MigrationInterface {
  name = 'DashboardReadModel1763900030000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE household ADD COLUMN acceptance_signed_units text[] NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`
      UPDATE household SET acceptance_signed_units = ARRAY(
          SELECT s->>'unit' FROM jsonb_array_elements(state->'acceptanceSignatures') s
           WHERE s->>'unit' IS NOT NULL)
       WHERE jsonb_typeof(state->'acceptanceSignatures') = 'array'
         AND jsonb_array_length(state->'acceptanceSignatures') > 0`);
    await queryRunner.query(
      `CREATE INDEX household_active_progress ON household (programme_id, last_progress_at)
        WHERE stage NOT IN ('moved-in', 'withdrawn')`,
    );

    await queryRunner.query(`
      CREATE TABLE household_tally (
        programme_id uuid NOT NULL REFERENCES housing_programme(id),
        kind text NOT NULL,
        key text NOT NULL,
        village_path text NOT NULL,
        township text NOT NULL,
        -- no CHECK (households >= 0): Postgres checks the proposed row of INSERT … ON CONFLICT
        -- before it finds the conflict, so a decrement cannot go through an upsert with it
        households int NOT NULL,
        PRIMARY KEY (programme_id, kind, key, village_path)
      )`);
    await queryRunner.query(
      `CREATE INDEX household_tally_waiting ON household_tally (kind, village_path text_pattern_ops)
        WHERE kind LIKE 'waiting-%' AND households > 0`,
    );

    // Fixed UTC+8 (China has no daylight saving time), as libs/domain/src/time/china-time.ts.
    await queryRunner.query(`
      CREATE FUNCTION household_tally_keys(
        stage text, approval_level text, notice_ends_at timestamptz, started_at timestamptz,
        completed_at timestamptz, last_progress_at timestamptz, withdrawn_at timestamptz,
        registered_poor boolean, escalation_level int, township text, signed text[], bureau text)
      RETURNS TABLE (kind text, key text)
      LANGUAGE sql STABLE AS $$
        SELECT 'stage', stage
        UNION ALL SELECT 'households', '' WHERE withdrawn_at IS NULL
        UNION ALL SELECT 'registered-poor', '' WHERE withdrawn_at IS NULL AND registered_poor
        UNION ALL SELECT 'started', to_char((started_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')
          WHERE withdrawn_at IS NULL AND started_at IS NOT NULL
        UNION ALL SELECT 'completed', to_char((completed_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')
          WHERE withdrawn_at IS NULL AND completed_at IS NOT NULL
        UNION ALL SELECT 'progress-day', to_char((last_progress_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')
          WHERE stage NOT IN ('moved-in', 'withdrawn')
        UNION ALL SELECT 'escalation', escalation_level::text WHERE escalation_level > 0
        UNION ALL SELECT 'waiting-village', stage || ':' || escalation_level
          WHERE stage IN ('appraisal', 'construction-start', 'construction', 'move-in')
             OR (stage = 'approval' AND notice_ends_at IS NULL AND approval_level = 'village')
        UNION ALL SELECT 'waiting-township', stage || ':' || escalation_level
          WHERE stage IN ('appraisal', 'construction-start', 'construction', 'move-in')
             OR (stage = 'approval' AND notice_ends_at IS NULL AND approval_level IN ('village', 'township'))
             OR (stage = 'acceptance' AND NOT township = ANY (signed))
        UNION ALL SELECT 'waiting-bureau', stage || ':' || escalation_level
          WHERE (stage = 'approval' AND notice_ends_at IS NULL AND approval_level = 'county')
             OR (stage = 'acceptance' AND NOT bureau = ANY (signed))
      $$`);

    // Rows are changed in key order so that two transactions never wait on each other's counters.
    await queryRunner.query(`
      CREATE FUNCTION household_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO household_tally AS t (programme_id, kind, key, village_path, township, households)
          SELECT n.programme_id, k.kind, k.key, n.village_path, min(n.township), count(*)::int
            FROM new_rows n JOIN housing_programme p ON p.id = n.programme_id
           CROSS JOIN LATERAL household_tally_keys(${TALLY_ARGS('n')}) k
           GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (programme_id, kind, key, village_path) DO UPDATE SET households = t.households + EXCLUDED.households;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO household_tally AS t (programme_id, kind, key, village_path, township, households)
          SELECT programme_id, kind, key, village_path, min(township), sum(delta)::int FROM (
              SELECT n.programme_id, k.kind, k.key, n.village_path, n.township, 1 AS delta
                FROM new_rows n JOIN housing_programme p ON p.id = n.programme_id
               CROSS JOIN LATERAL household_tally_keys(${TALLY_ARGS('n')}) k
              UNION ALL
              SELECT o.programme_id, k.kind, k.key, o.village_path, o.township, -1
                FROM old_rows o JOIN housing_programme p ON p.id = o.programme_id
               CROSS JOIN LATERAL household_tally_keys(${TALLY_ARGS('o')}) k) d
           GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (programme_id, kind, key, village_path) DO UPDATE SET households = t.households + EXCLUDED.households;
        ELSE
          UPDATE household_tally t SET households = t.households - d.households
            FROM (SELECT o.programme_id, k.kind, k.key, o.village_path, count(*)::int AS households
                    FROM old_rows o JOIN housing_programme p ON p.id = o.programme_id
                   CROSS JOIN LATERAL household_tally_keys(${TALLY_ARGS('o')}) k
                   GROUP BY 1, 2, 3, 4) d
           WHERE t.programme_id = d.programme_id AND t.kind = d.kind AND t.key = d.key AND t.village_path = d.village_path;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER household_tally_insert AFTER INSERT ON household
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tally_apply()`);
    await queryRunner.query(`
      CREATE TRIGGER household_tally_update AFTER UPDATE ON household
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tally_apply()`);
    await queryRunner.query(`
      CREATE TRIGGER household_tally_delete AFTER DELETE ON household
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tally_apply()`);

    await queryRunner.query(`
      INSERT INTO household_tally (programme_id, kind, key, village_path, township, households)
      SELECT h.programme_id, k.kind, k.key, h.village_path, min(h.township), count(*)::int
        FROM household h JOIN housing_programme p ON p.id = h.programme_id
       CROSS JOIN LATERAL household_tally_keys(${TALLY_ARGS('h')}) k
       GROUP BY 1, 2, 3, 4`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON household_tally TO campaign_app`);

    // Open rectification items by whoever acts on them (to-do lists, a department's item list).
    await queryRunner.query(
      `CREATE INDEX rectification_item_open_unit_idx ON rectification_item (responsible_unit) WHERE status <> 'closed'`,
    );
    await queryRunner.query(
      `CREATE INDEX rectification_item_verifier_idx ON rectification_item (verifier_id, full_deadline)`,
    );
    await queryRunner.query(
      `CREATE INDEX rectification_item_person_idx ON rectification_item (responsible_person_id, full_deadline)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX rectification_item_person_idx`);
    await queryRunner.query(`DROP INDEX rectification_item_verifier_idx`);
    await queryRunner.query(`DROP INDEX rectification_item_open_unit_idx`);
    await queryRunner.query(`DROP TRIGGER household_tally_delete ON household`);
    await queryRunner.query(`DROP TRIGGER household_tally_update ON household`);
    await queryRunner.query(`DROP TRIGGER household_tally_insert ON household`);
    await queryRunner.query(`DROP FUNCTION household_tally_apply()`);
    await queryRunner.query(
      `DROP FUNCTION household_tally_keys(text, text, timestamptz, timestamptz, timestamptz, timestamptz, timestamptz, boolean, int, text, text[], text)`,
    );
    await queryRunner.query(`DROP TABLE household_tally`);
    await queryRunner.query(`DROP INDEX household_active_progress`);
    await queryRunner.query(`ALTER TABLE household DROP COLUMN acceptance_signed_units`);
  }
}
