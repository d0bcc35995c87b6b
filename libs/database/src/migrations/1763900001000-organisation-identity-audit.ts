import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationIdentityAudit1763900001000 implements MigrationInterface {
  name = 'OrganisationIdentityAudit1763900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unit (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        parent_code text REFERENCES unit(code),
        path text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_code IS NULL OR parent_code <> code)
      )`);
    await queryRunner.query(`CREATE INDEX unit_parent_idx ON unit (parent_code)`);
    await queryRunner.query(`CREATE INDEX unit_path_idx ON unit (path text_pattern_ops)`);

    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        unit_code text NOT NULL REFERENCES unit(code),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        password_hash text,
        active boolean NOT NULL DEFAULT true,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX app_user_unit_idx ON app_user (unit_code)`);

    await queryRunner.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);

    await queryRunner.query(`
      CREATE TABLE audit_entry (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        actor_unit text,
        actor_roles text[] NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        before jsonb,
        after jsonb,
        reason text,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX audit_entry_subject_idx ON audit_entry (subject, seq)`);
    // Append-only, enforced by the database for every role: a trigger refuses UPDATE, DELETE and TRUNCATE.
    await queryRunner.query(`
      CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change()`);
    // And by privileges: the application role (the one production connects as, not the owner that
    // migrates) may only read and append.
    await queryRunner.query(`
      DO $$ BEGIN
        CREATE ROLE campaign_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- roles are cluster-wide
      END $$`);
    await queryRunner.query(`REVOKE ALL ON audit_entry FROM PUBLIC`);
    await queryRunner.query(`GRANT SELECT, INSERT ON audit_entry TO campaign_app`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON unit, app_user, refresh_token, api_token, diagnostic_round_trip TO campaign_app`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_entry`);
    await queryRunner.query(`DROP FUNCTION audit_entry_refuse_change()`);
    await queryRunner.query(`DROP TABLE api_token`);
    await queryRunner.query(`DROP TABLE refresh_token`);
    await queryRunner.query(`DROP TABLE app_user`);
    await queryRunner.query(`DROP TABLE unit`);
  }
}
