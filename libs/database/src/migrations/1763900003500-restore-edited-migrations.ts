import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What two landed migrations gained by being edited in place, for every database: one migrated by
 * the as-landed 1763900002000 never got them. A database that ran the edited version already has
 * them, so each step is written to be a no-op there; both end with the schema of a fresh database.
 *
 * - `ledger.items_registered` (the per-ledger item counter; existing ledgers start from their
 *   highest item number so numbering continues without a clash);
 * - a published bulletin is frozen: a trigger refuses UPDATE and DELETE, and the application role
 *   may only read and insert bulletins.
 *
 * Its timestamp sits between 1763900003000 and 1763900004000, not after the newest migration, on
 * purpose: the landed 1763900004000 puts the same trigger function on campaign_bulletin, so a fresh
 * database (and one migrated by the as-landed 1763900002000) needs the function before it. TypeORM
 * runs every migration a database has not recorded, oldest first; a database that already ran
 * 1763900004000 with the edited 1763900002000 runs this one next, as a no-op.
 *
 * (The edit of 1763900004000 moved its calendar seed into libs/domain without changing a row; its
 * as-landed text, with the seed inline, is restored and nothing is needed here.)
 */
export class RestoreEditedMigrations1763900003500 implements MigrationInterface {
  name = 'RestoreEditedMigrations1763900003500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ missing }] = (await queryRunner.query(`
      SELECT NOT EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'ledger' AND column_name = 'items_registered'
      ) AS missing`)) as Array<{ missing: boolean }>;
    if (missing) {
      await queryRunner.query(`ALTER TABLE ledger ADD COLUMN items_registered int NOT NULL DEFAULT 0`);
      await queryRunner.query(`
        UPDATE ledger SET items_registered = numbered.highest
        FROM (SELECT ledger_id, max(number) AS highest FROM rectification_item GROUP BY ledger_id) numbered
        WHERE numbered.ledger_id = ledger.id`);
    }

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION bulletin_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'bulletin is frozen once published: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS bulletin_frozen ON bulletin`);
    await queryRunner.query(`
      CREATE TRIGGER bulletin_frozen BEFORE UPDATE OR DELETE ON bulletin
      FOR EACH ROW EXECUTE FUNCTION bulletin_refuse_change()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE ON bulletin FROM campaign_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT UPDATE, DELETE ON bulletin TO campaign_app`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS bulletin_frozen ON bulletin`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS bulletin_refuse_change()`);
    await queryRunner.query(`ALTER TABLE ledger DROP COLUMN items_registered`);
  }
}
