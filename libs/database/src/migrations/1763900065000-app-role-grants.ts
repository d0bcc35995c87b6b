import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two tables the API writes that campaign_app could not reach: `idempotency_key` (the stored
 * answers of commands) and `throttle_hit` (the rate-limit counters). Until now only a superuser
 * or the owner could run the API; production connects as a member of campaign_app.
 */
export class AppRoleGrants1763900065000 implements MigrationInterface {
  name = 'AppRoleGrants1763900065000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_key, throttle_hit TO campaign_app`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON idempotency_key, throttle_hit FROM campaign_app`);
  }
}
