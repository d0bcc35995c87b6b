import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last failed try of a household's subsidy payment while the gateway keeps failing (it is
 * retried with back-off, without limit): why, when, and when the next try is due. Cleared once
 * the subsidy is paid or refused for good. The household view shows it.
 */
export class SubsidyPaymentFailures1763900021000 implements MigrationInterface {
  name = 'SubsidyPaymentFailures1763900021000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE subsidy_payment_failure (
        household_id uuid PRIMARY KEY REFERENCES household(id),
        payment_attempt int NOT NULL,
        try int NOT NULL,
        reason text NOT NULL,
        failed_at timestamptz NOT NULL,
        next_try_at timestamptz
      )`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON subsidy_payment_failure TO campaign_app`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE subsidy_payment_failure`);
  }
}
