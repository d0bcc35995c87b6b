import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY `access_change` after every committed change that can change whom a bearer token acts
 * for, so each API process can drop what its access cache holds (apps/api/src/auth/access-cache.ts).
 * The payload is the person's id, or `*` for "everyone" (a unit's code or path changed, or a table
 * was truncated). Notifications are delivered at commit: a rolled-back change notifies nothing.
 * Writes that change nothing a token depends on (a failed sign-in, a lock, an API token's
 * `last_used_at`, a new refresh token) notify nothing. pg_notify needs no grant.
 */
export class AccessChangeNotify1763900070000 implements MigrationInterface {
  name = 'AccessChangeNotify1763900070000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION access_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_key text;
        new_key text;
      BEGIN
        IF TG_LEVEL = 'STATEMENT' OR TG_NARGS = 0 THEN
          PERFORM pg_notify('access_change', '*');
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          old_key := to_jsonb(OLD) ->> TG_ARGV[0];
          PERFORM pg_notify('access_change', old_key);
        END IF;
        IF TG_OP = 'UPDATE' THEN
          new_key := to_jsonb(NEW) ->> TG_ARGV[0];
          IF new_key IS DISTINCT FROM old_key THEN
            PERFORM pg_notify('access_change', new_key);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER app_user_access_change AFTER UPDATE ON app_user FOR EACH ROW
        WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.active IS DISTINCT FROM NEW.active
          OR OLD.roles IS DISTINCT FROM NEW.roles OR OLD.unit_code IS DISTINCT FROM NEW.unit_code
          OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password
          OR OLD.username IS DISTINCT FROM NEW.username OR OLD.display_name IS DISTINCT FROM NEW.display_name)
        EXECUTE FUNCTION access_change_notify('id')`);
    await queryRunner.query(`
      CREATE TRIGGER refresh_token_access_change AFTER UPDATE ON refresh_token FOR EACH ROW
        WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
          OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.session_id IS DISTINCT FROM NEW.session_id)
        EXECUTE FUNCTION access_change_notify('user_id')`);
    await queryRunner.query(`
      CREATE TRIGGER api_token_access_change AFTER UPDATE ON api_token FOR EACH ROW
        WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
          OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
        EXECUTE FUNCTION access_change_notify('user_id')`);
    await queryRunner.query(`
      CREATE TRIGGER unit_access_change AFTER UPDATE ON unit FOR EACH ROW
        WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.path IS DISTINCT FROM NEW.path)
        EXECUTE FUNCTION access_change_notify()`);
    for (const [table, key] of [
      ['app_user', `'id'`],
      ['refresh_token', `'user_id'`],
      ['api_token', `'user_id'`],
      ['unit', ''],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_access_delete AFTER DELETE ON ${table} FOR EACH ROW
           EXECUTE FUNCTION access_change_notify(${key})`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_access_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT
           EXECUTE FUNCTION access_change_notify()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['app_user', 'refresh_token', 'api_token', 'unit']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_access_change ON ${table}`);
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_access_delete ON ${table}`);
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_access_truncate ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS access_change_notify()`);
  }
}
