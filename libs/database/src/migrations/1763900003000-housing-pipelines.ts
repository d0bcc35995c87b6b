import { MigrationInterface, QueryRunner } from 'typeorm';

export class HousingPipelines1763900003000 implements MigrationInterface {
  name = 'HousingPipelines1763900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE housing_programme (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        housing_bureau text NOT NULL REFERENCES unit(code),
        stage_deadlines jsonb NOT NULL,
        notice_periods jsonb NOT NULL,
        stall_after text NOT NULL,
        payment_due_after text NOT NULL,
        timer_jitter text NOT NULL,
        ladder jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // One uploaded file of households; its pipelines are started in the background.
    await queryRunner.query(`
      CREATE TABLE household_import (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES housing_programme(id),
        file_name text NOT NULL,
        households int NOT NULL,
        started int NOT NULL DEFAULT 0,
        status text NOT NULL,
        imported_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);

    // Read model of households, written by the import and then only by the pipeline's activities.
    await queryRunner.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES housing_programme(id),
        import_id uuid NOT NULL REFERENCES household_import(id),
        household_no text NOT NULL,
        head_name text NOT NULL,
        village text NOT NULL REFERENCES unit(code),
        township text NOT NULL REFERENCES unit(code),
        village_path text NOT NULL,
        registered_poor boolean NOT NULL,
        house_rating text NOT NULL,
        planned_subsidy_fen bigint NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        pipeline_started boolean NOT NULL DEFAULT false,
        stage text NOT NULL,
        approval_level text,
        notice_ends_at timestamptz,
        open_objections int NOT NULL DEFAULT 0,
        stage_entered_at timestamptz NOT NULL,
        last_progress_at timestamptz NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        accepted_at timestamptz,
        paid_at timestamptz,
        moved_in_at timestamptz,
        withdrawn_at timestamptz,
        payment_status text,
        escalation_level int NOT NULL DEFAULT 0,
        state jsonb NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (programme_id, household_no)
      )`);
    await queryRunner.query(
      `CREATE INDEX household_programme_stage ON household (programme_id, stage, township)`,
    );
    await queryRunner.query(
      `CREATE INDEX household_import_pending ON household (import_id) WHERE NOT pipeline_started`,
    );
    await queryRunner.query(
      `CREATE INDEX household_village_path ON household (village_path text_pattern_ops)`,
    );

    // Counts by stage and township, kept in the same transaction as every stage change.
    await queryRunner.query(`
      CREATE TABLE household_stage_count (
        programme_id uuid NOT NULL REFERENCES housing_programme(id),
        township text NOT NULL,
        stage text NOT NULL,
        households int NOT NULL CHECK (households >= 0),
        PRIMARY KEY (programme_id, township, stage)
      )`);

    await queryRunner.query(`
      CREATE TABLE household_event (
        household_id uuid NOT NULL REFERENCES household(id),
        version int NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        stage text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        summary text NOT NULL,
        reason text,
        data jsonb NOT NULL,
        PRIMARY KEY (household_id, version)
      )`);

    await queryRunner.query(`
      CREATE TABLE household_evidence (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES household(id),
        file_name text NOT NULL,
        media_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);

    // Subsidy transfers as the gateway confirmed them: one row per idempotency key.
    await queryRunner.query(`
      CREATE TABLE subsidy_payment (
        idempotency_key text PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES household(id),
        attempt int NOT NULL,
        amount_fen bigint NOT NULL,
        transaction_id text NOT NULL,
        paid_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The simulated payment gateway's own books (development and tests): one transfer per key.
    await queryRunner.query(`
      CREATE TABLE simulated_gateway_transfer (
        idempotency_key text PRIMARY KEY,
        payee text NOT NULL,
        amount_fen bigint NOT NULL,
        transaction_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON housing_programme, household_import, household, household_stage_count,
        household_event, household_evidence, subsidy_payment, simulated_gateway_transfer TO campaign_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'simulated_gateway_transfer',
      'subsidy_payment',
      'household_evidence',
      'household_event',
      'household_stage_count',
      'household',
      'household_import',
      'housing_programme',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
