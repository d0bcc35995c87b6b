import { MigrationInterface, QueryRunner } from 'typeorm';

/** Holidays (休) and make-up working days (班) from the State Council's notices, per year. */
const CALENDAR_SEED: Array<{ year: number; holidays: Array<[string, string, string]>; workdays: string[] }> =
  [
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

function* days(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

export class Campaigns1763900004000 implements MigrationInterface {
  name = 'Campaigns1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Working-day calendar: a listed day overrides the weekday rule; the years present are the known ones.
    await queryRunner.query(`
      CREATE TABLE working_calendar_day (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE working_calendar_year (
        year int PRIMARY KEY,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const { year, holidays, workdays } of CALENDAR_SEED) {
      await queryRunner.query(`INSERT INTO working_calendar_year (year, updated_by) VALUES ($1, 'seed')`, [
        year,
      ]);
      for (const [from, to, name] of holidays) {
        for (const day of days(from, to)) {
          await queryRunner.query(
            `INSERT INTO working_calendar_day (day, kind, name, updated_by) VALUES ($1, 'holiday', $2, 'seed')`,
            [day, name],
          );
        }
      }
      for (const day of workdays) {
        await queryRunner.query(
          `INSERT INTO working_calendar_day (day, kind, name, updated_by) VALUES ($1, 'workday', '调休上班', 'seed')`,
          [day],
        );
      }
    }

    await queryRunner.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL,
        plan_version int NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        pledge_deadline timestamptz,
        paused_since timestamptz,
        launched_at timestamptz,
        launched_by text,
        closed_at timestamptz,
        final_report jsonb,
        state jsonb,
        version int NOT NULL DEFAULT 0,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Every version of the plan as submitted, and what it resolved to; a launched version is applied.
    await queryRunner.query(`
      CREATE TABLE campaign_plan_version (
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        version int NOT NULL,
        document jsonb NOT NULL,
        resolved jsonb NOT NULL,
        reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz,
        PRIMARY KEY (campaign_id, version)
      )`);

    // Read model of tasks, written only by the campaign and task workflows' activities.
    await queryRunner.query(`
      CREATE TABLE campaign_task (
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        key text NOT NULL,
        parent_key text,
        ord int NOT NULL,
        name text NOT NULL,
        lead_unit text NOT NULL REFERENCES unit(code),
        cooperating_units text[] NOT NULL DEFAULT '{}',
        is_group boolean NOT NULL,
        depends_on text[] NOT NULL DEFAULT '{}',
        measure jsonb NOT NULL,
        linked_ledger_id uuid REFERENCES ledger(id),
        linked_programme_id uuid REFERENCES housing_programme(id),
        target_quantity numeric,
        target_unit text,
        pace jsonb,
        deadline timestamptz NOT NULL,
        original_deadline timestamptz NOT NULL,
        status text NOT NULL,
        quantity_done numeric,
        percent_done numeric,
        escalation_level int NOT NULL DEFAULT 0,
        behind_pace boolean NOT NULL DEFAULT false,
        submitted_at timestamptz,
        accepted_at timestamptz,
        closed_at timestamptz,
        return_count int NOT NULL DEFAULT 0,
        paused_ms bigint NOT NULL DEFAULT 0,
        workflow_id text UNIQUE,
        state jsonb,
        version int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, key)
      )`);
    await queryRunner.query(`CREATE INDEX campaign_task_lead_idx ON campaign_task (lead_unit, deadline)`);
    await queryRunner.query(
      `CREATE INDEX campaign_task_cooperating_idx ON campaign_task USING gin (cooperating_units)`,
    );

    await queryRunner.query(`
      CREATE TABLE campaign_task_event (
        campaign_id uuid NOT NULL,
        task_key text NOT NULL,
        version int NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        summary text NOT NULL,
        reason text,
        data jsonb NOT NULL,
        PRIMARY KEY (campaign_id, task_key, version),
        FOREIGN KEY (campaign_id, task_key) REFERENCES campaign_task(campaign_id, key)
      )`);

    await queryRunner.query(`
      CREATE TABLE campaign_evidence (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL,
        task_key text NOT NULL,
        file_name text NOT NULL,
        media_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        FOREIGN KEY (campaign_id, task_key) REFERENCES campaign_task(campaign_id, key)
      )`);
    await queryRunner.query(
      `CREATE INDEX campaign_evidence_task_idx ON campaign_evidence (campaign_id, task_key)`,
    );

    // Responsibility pledges (责任状): one per unit named in the plan.
    await queryRunner.query(`
      CREATE TABLE campaign_pledge (
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        unit text NOT NULL REFERENCES unit(code),
        signed_at timestamptz,
        sign_off jsonb,
        escalation_level int NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, unit)
      )`);

    // Numbered escalation notices for tasks and pledges; at most one per subject, level and arming.
    await queryRunner.query(`
      CREATE TABLE campaign_escalation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        subject text NOT NULL,
        level int NOT NULL,
        arming int NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        notice_kind text NOT NULL,
        colour text,
        unit text NOT NULL,
        issued_at timestamptz NOT NULL,
        UNIQUE (campaign_id, subject, level, arming)
      )`);

    await queryRunner.query(`
      CREATE TABLE campaign_bulletin (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        number int NOT NULL,
        as_of timestamptz NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, number)
      )`);
    await queryRunner.query(`
      CREATE TRIGGER campaign_bulletin_frozen BEFORE UPDATE OR DELETE ON campaign_bulletin
      FOR EACH ROW EXECUTE FUNCTION bulletin_refuse_change()`);

    // The change feed behind GET /api/campaigns/:id/events; writers NOTIFY campaign_change in the same transaction.
    await queryRunner.query(`
      CREATE TABLE campaign_change (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        task_key text,
        dedupe_key text NOT NULL,
        payload jsonb NOT NULL,
        UNIQUE (campaign_id, dedupe_key)
      )`);
    await queryRunner.query(`CREATE INDEX campaign_change_feed_idx ON campaign_change (campaign_id, id)`);

    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON working_calendar_day, working_calendar_year, campaign,
        campaign_plan_version, campaign_task, campaign_task_event, campaign_evidence, campaign_pledge,
        campaign_escalation, campaign_change TO campaign_app`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE campaign_change_id_seq TO campaign_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON campaign_bulletin TO campaign_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER campaign_bulletin_frozen ON campaign_bulletin`);
    for (const table of [
      'campaign_change',
      'campaign_bulletin',
      'campaign_escalation',
      'campaign_pledge',
      'campaign_evidence',
      'campaign_task_event',
      'campaign_task',
      'campaign_plan_version',
      'campaign',
      'working_calendar_year',
      'working_calendar_day',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
