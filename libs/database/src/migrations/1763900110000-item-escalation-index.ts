import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items by escalation level across ledgers (`GET /api/rectifications?level=2`, the leadership's
 * "escalated to level 2, all units"), in the list's order: until now only the ledger's index
 * narrowed a level, so without a ledger every item was read.
 */
export class ItemEscalationIndex1763900110000 implements MigrationInterface {
  name = 'ItemEscalationIndex1763900110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX rectification_item_level_idx ON rectification_item (escalation_level, full_deadline, number)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX rectification_item_level_idx`);
  }
}
