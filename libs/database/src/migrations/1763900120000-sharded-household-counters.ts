import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spreads every household counter over slots: `household_tally` and `household_stage_count` gain a
 * `slot` column in their primary keys, and a transaction adds its changes to the slot of its own
 * connection (`household_counter_slot()`: the backend's process id modulo 8). Households of one
 * village or township stepped at once by different connections no longer wait for each other's
 * counter rows until each commits (`npm run bench:layers` found that wait the largest part of a
 * transition's projection). A counter is the sum of its slots; one slot may hold a negative number
 * (the household was added in another), so the stage counts lose their `households >= 0` check and
 * the waiting index keeps every non-zero row. Existing rows become slot 0.
 */
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

export class ShardedHouseholdCounters1763900120000 implements MigrationInterface {
  name = 'ShardedHouseholdCounters1763900120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION household_counter_slot() RETURNS smallint LANGUAGE sql STABLE AS $$
        SELECT (pg_backend_pid() % 8)::smallint
      $$`);
    await queryRunner.query(`ALTER TABLE household_tally ADD COLUMN slot smallint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE household_tally DROP CONSTRAINT household_tally_pkey`);
    await queryRunner.query(
      `ALTER TABLE household_tally ADD PRIMARY KEY (programme_id, kind, key, village_path, slot)`,
    );
    await queryRunner.query(`DROP INDEX household_tally_waiting`);
    await queryRunner.query(
      `CREATE INDEX household_tally_waiting ON household_tally (kind, village_path text_pattern_ops)
        WHERE kind LIKE 'waiting-%' AND households <> 0`,
    );

    await queryRunner.query(`ALTER TABLE household_stage_count ADD COLUMN slot smallint NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE household_stage_count DROP CONSTRAINT household_stage_count_households_check`,
    );
    await queryRunner.query(`ALTER TABLE household_stage_count DROP CONSTRAINT household_stage_count_pkey`);
    await queryRunner.query(
      `ALTER TABLE household_stage_count ADD PRIMARY KEY (programme_id, township, stage, slot)`,
    );

    await queryRunner.query(applyFunction(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(applyFunction(false));
    for (const [table, key] of [
      ['household_tally', 'programme_id, kind, key, village_path'],
      ['household_stage_count', 'programme_id, township, stage'],
    ]) {
      const township = table === 'household_tally' ? ', township' : '';
      await queryRunner.query(`
        WITH moved AS (DELETE FROM ${table} WHERE slot <> 0 RETURNING *)
        INSERT INTO ${table} AS t (${key}, slot${township}, households)
        SELECT ${key}, 0${township ? ', min(township)' : ''}, sum(households)::int FROM moved GROUP BY ${key}
        ON CONFLICT (${key}, slot) DO UPDATE SET households = t.households + EXCLUDED.households`);
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN slot`);
      await queryRunner.query(`ALTER TABLE ${table} ADD PRIMARY KEY (${key})`);
    }
    await queryRunner.query(
      `ALTER TABLE household_stage_count ADD CONSTRAINT household_stage_count_households_check CHECK (households >= 0)`,
    );
    await queryRunner.query(`DROP INDEX household_tally_waiting`);
    await queryRunner.query(
      `CREATE INDEX household_tally_waiting ON household_tally (kind, village_path text_pattern_ops)
        WHERE kind LIKE 'waiting-%' AND households > 0`,
    );
    await queryRunner.query(`DROP FUNCTION household_counter_slot()`);
  }
}

/**
 * The statement triggers' function on \`household\`: adds the new rows' counters and takes away the
 * old rows' ones, in key order so that two transactions never wait on each other's counters
 * crosswise; \`sharded\`: each into its own slot (as migration 1763900030000 wrote it, without).
 */
function applyFunction(sharded: boolean): string {
  const slotColumn = sharded ? ', slot' : '';
  const slotValue = sharded ? ', household_counter_slot()' : '';
  const conflict = `ON CONFLICT (programme_id, kind, key, village_path${slotColumn})
            DO UPDATE SET households = t.households + EXCLUDED.households`;
  const insert = `INSERT INTO household_tally AS t (programme_id, kind, key, village_path${slotColumn}, township, households)`;
  const added = (alias: string, rows: string, delta: string) => `
              SELECT ${alias}.programme_id, k.kind, k.key, ${alias}.village_path, ${alias}.township, ${delta} AS delta
                FROM ${rows} ${alias} JOIN housing_programme p ON p.id = ${alias}.programme_id
               CROSS JOIN LATERAL household_tally_keys(${TALLY_ARGS(alias)}) k`;
  const summed = (parts: string) => `
          ${insert}
          SELECT programme_id, kind, key, village_path${slotValue}, min(township), sum(delta)::int FROM (${parts}) d
           GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
          ${conflict};`;
  // Without slots a delete subtracts in place, as the first version did (no row to add to).
  const deleted = sharded
    ? summed(added('o', 'old_rows', '-1'))
    : `
          UPDATE household_tally t SET households = t.households - d.households
            FROM (SELECT o.programme_id, k.kind, k.key, o.village_path, count(*)::int AS households
                    FROM old_rows o JOIN housing_programme p ON p.id = o.programme_id
                   CROSS JOIN LATERAL household_tally_keys(${TALLY_ARGS('o')}) k
                   GROUP BY 1, 2, 3, 4) d
           WHERE t.programme_id = d.programme_id AND t.kind = d.kind AND t.key = d.key AND t.village_path = d.village_path;`;
  return `
      CREATE OR REPLACE FUNCTION household_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN${summed(added('n', 'new_rows', '1'))}
        ELSIF TG_OP = 'UPDATE' THEN${summed(`${added('n', 'new_rows', '1')}
              UNION ALL${added('o', 'old_rows', '-1')}`)}
        ELSE${deleted}
        END IF;
        RETURN NULL;
      END $$`;
}
