import { MigrationInterface, QueryRunner } from 'typeorm';

export class RectificationLedgers1763900002000 implements MigrationInterface {
  name = 'RectificationLedgers1763900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        source text NOT NULL,
        campaign_id text,
        classification jsonb NOT NULL DEFAULT '[]',
        ladder jsonb NOT NULL,
        bulletin_every text NOT NULL,
        bulletin_first_at timestamptz NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Read model of rectification items, written only by the item workflow's activities.
    await queryRunner.query(`
      CREATE TABLE rectification_item (
        id uuid PRIMARY KEY,
        ledger_id uuid NOT NULL REFERENCES ledger(id),
        number int NOT NULL,
        problem text NOT NULL,
        source text NOT NULL,
        category text NOT NULL,
        analysis text NOT NULL,
        measures jsonb NOT NULL,
        responsible_unit text NOT NULL REFERENCES unit(code),
        responsible_unit_path text NOT NULL,
        responsible_person_id uuid NOT NULL REFERENCES app_user(id),
        verifier_id uuid NOT NULL REFERENCES app_user(id),
        repeat_of uuid REFERENCES rectification_item(id),
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL,
        basic_deadline timestamptz NOT NULL,
        full_deadline timestamptz NOT NULL,
        original_basic_deadline timestamptz NOT NULL,
        original_full_deadline timestamptz NOT NULL,
        basic_done_at timestamptz,
        submitted_at timestamptz,
        closed_at timestamptz,
        paused_since timestamptz,
        paused_ms bigint NOT NULL DEFAULT 0,
        pending_extension jsonb,
        extensions_approved int NOT NULL DEFAULT 0,
        reopen_count int NOT NULL DEFAULT 0,
        rejection_count int NOT NULL DEFAULT 0,
        escalation_level int NOT NULL DEFAULT 0,
        awaiting_leader int[] NOT NULL DEFAULT '{}',
        state jsonb NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (ledger_id, number)
      )`);
    await queryRunner.query(
      `CREATE INDEX rectification_item_ledger_idx ON rectification_item (ledger_id, status)`,
    );
    await queryRunner.query(
      `CREATE INDEX rectification_item_unit_idx ON rectification_item (responsible_unit_path text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX rectification_item_deadline_idx ON rectification_item (full_deadline) WHERE status <> 'closed'`,
    );

    await queryRunner.query(`
      CREATE TABLE rectification_event (
        item_id uuid NOT NULL REFERENCES rectification_item(id),
        version int NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        summary text NOT NULL,
        reason text,
        data jsonb NOT NULL,
        PRIMARY KEY (item_id, version)
      )`);

    await queryRunner.query(`
      CREATE TABLE evidence_file (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL REFERENCES rectification_item(id),
        file_name text NOT NULL,
        media_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX evidence_file_item_idx ON evidence_file (item_id)`);

    await queryRunner.query(`
      CREATE TABLE item_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES rectification_item(id),
        author_id uuid NOT NULL REFERENCES app_user(id),
        author_name text NOT NULL,
        author_unit text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Numbered notices (催办单 / 督办单 …); one per item, level and arming of the ladder.
    await queryRunner.query(`
      CREATE TABLE escalation_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES rectification_item(id),
        level int NOT NULL,
        arming int NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        notice_kind text NOT NULL,
        colour text,
        year int NOT NULL,
        serial int NOT NULL,
        leader_must_act boolean NOT NULL,
        leader_decision text,
        decided_by text,
        decided_at timestamptz,
        issued_at timestamptz NOT NULL,
        UNIQUE (item_id, level, arming),
        UNIQUE (notice_kind, year, serial)
      )`);

    await queryRunner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES app_user(id),
        dedupe_key text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        subject text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        delivered_at timestamptz,
        delivery_attempts int NOT NULL DEFAULT 0,
        last_delivery_error text,
        UNIQUE (recipient_id, dedupe_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_recipient_idx ON notification (recipient_id, created_at DESC)`,
    );

    await queryRunner.query(`
      CREATE TABLE bulletin (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ledger_id uuid NOT NULL REFERENCES ledger(id),
        number int NOT NULL,
        as_of timestamptz NOT NULL,
        trigger text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (ledger_id, as_of),
        UNIQUE (ledger_id, number)
      )`);

    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON ledger, rectification_item, rectification_event, evidence_file,
        item_comment, escalation_notice, notification, bulletin TO campaign_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'bulletin',
      'notification',
      'escalation_notice',
      'item_comment',
      'evidence_file',
      'rectification_event',
      'rectification_item',
      'ledger',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
