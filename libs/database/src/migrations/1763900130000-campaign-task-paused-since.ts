import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a campaign task's running pause began, as a column: the to-do lists and campaign progress
 * move a paused task's deadline with the clock, and read it here instead of opening every task's
 * JSON state (which Postgres must detoast whole for each row). Filled from the state of the rows
 * already there; the task projection writes it with the other columns from now on.
 */
export class CampaignTaskPausedSince1763900130000 implements MigrationInterface {
  name = 'CampaignTaskPausedSince1763900130000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE campaign_task ADD COLUMN paused_since timestamptz`);
    await queryRunner.query(
      `UPDATE campaign_task SET paused_since = (state->'paused'->>'since')::timestamptz
        WHERE jsonb_typeof(state->'paused') = 'object'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE campaign_task DROP COLUMN paused_since`);
  }
}
