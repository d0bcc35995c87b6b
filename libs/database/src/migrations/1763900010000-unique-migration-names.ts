import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The migrations table refuses a second row for the same migration: two processes that ever ran
 * one migration at once (the API's migrate-on-start raced before it took the advisory lock) fail
 * instead of recording it twice. A duplicate already recorded keeps its first row.
 */
export class UniqueMigrationNames1763900010000 implements MigrationInterface {
  name = 'UniqueMigrationNames1763900010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM schema_migrations later
      USING schema_migrations earlier
      WHERE later.name = earlier.name AND later.id > earlier.id`);
    await queryRunner.query(`CREATE UNIQUE INDEX schema_migrations_name_key ON schema_migrations (name)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX schema_migrations_name_key`);
  }
}
