import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign tasks wait for a leader's decision on a summons (约谈) or accountability (问责) step, as
 * rectification items do: the levels awaiting one on the task row (for the leader's queue), and the
 * decision on the step's notice. Partial indexes keep the queue a scan of what waits only.
 */
export class TaskLeaderDecisions1763900006000 implements MigrationInterface {
  name = 'TaskLeaderDecisions1763900006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE campaign_task ADD COLUMN awaiting_leader int[] NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`
      ALTER TABLE campaign_escalation
        ADD COLUMN leader_decision text,
        ADD COLUMN decided_by text,
        ADD COLUMN decided_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX campaign_task_awaiting_leader ON campaign_task (campaign_id) WHERE awaiting_leader <> '{}'`,
    );
    await queryRunner.query(
      `CREATE INDEX rectification_item_awaiting_leader ON rectification_item (ledger_id) WHERE awaiting_leader <> '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX rectification_item_awaiting_leader`);
    await queryRunner.query(`DROP INDEX campaign_task_awaiting_leader`);
    await queryRunner.query(
      `ALTER TABLE campaign_escalation DROP COLUMN leader_decision, DROP COLUMN decided_by, DROP COLUMN decided_at`,
    );
    await queryRunner.query(`ALTER TABLE campaign_task DROP COLUMN awaiting_leader`);
  }
}
