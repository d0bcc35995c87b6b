import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches over rectification items and campaign tasks: a campaign task is known by its key within
 * the campaign (`T1`, `T2.3`), not a uuid, so `batch_item.object_id` becomes text.
 */
export class BatchObjectKeys1763900060000 implements MigrationInterface {
  name = 'BatchObjectKeys1763900060000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE batch_item ALTER COLUMN object_id TYPE text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE batch_item ALTER COLUMN object_id TYPE uuid USING object_id::uuid`);
  }
}
