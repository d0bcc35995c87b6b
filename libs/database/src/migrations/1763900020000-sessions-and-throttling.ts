import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions and shared rate limits.
 * - `refresh_token.session_id`: every token a sign-in rotates into carries the session's id, and
 *   the access token names it; a session is live while one of its refresh tokens is unrevoked and
 *   unexpired, so sign-out, reuse of a spent refresh token or closing every session ends its
 *   access tokens at once. Tokens issued before keep a session of their own.
 * - `throttle_hit`: the rate-limit counters of every API process (UNLOGGED: a crash may empty it,
 *   which only forgives a few requests).
 */
export class SessionsAndThrottling1763900020000 implements MigrationInterface {
  name = 'SessionsAndThrottling1763900020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE refresh_token ADD COLUMN session_id uuid NOT NULL DEFAULT gen_random_uuid()`,
    );
    await queryRunner.query(
      `CREATE INDEX refresh_token_live_session_idx ON refresh_token (session_id) WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE UNLOGGED TABLE throttle_hit (
        key text NOT NULL,
        throttler text NOT NULL,
        hits int NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz,
        PRIMARY KEY (key, throttler)
      )`);
    await queryRunner.query(`CREATE INDEX throttle_hit_window_idx ON throttle_hit (window_ends_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE throttle_hit`);
    await queryRunner.query(`DROP INDEX refresh_token_live_session_idx`);
    await queryRunner.query(`ALTER TABLE refresh_token DROP COLUMN session_id`);
  }
}
