import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Document numbers (文号, `〔2026〕第3号`): one sequence per issuing office (发文机关), kind of
 * document and year, taken with `INSERT … ON CONFLICT … DO UPDATE … RETURNING` so concurrent issues
 * never share a number. Notices remember the office that issued them; a campaign's escalation
 * notices are numbered like a ledger's (earlier ones stay unnumbered).
 *
 * Notices issued before this migration were numbered per kind and year with no office: they keep
 * their numbers under the office '' (the default office, the unit tree's root), and that office's
 * sequences continue after them.
 */
export class DocumentNumbers1763900011000 implements MigrationInterface {
  name = 'DocumentNumbers1763900011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE document_number (
        issuing_unit text NOT NULL,
        kind text NOT NULL,
        year int NOT NULL,
        last_serial int NOT NULL CHECK (last_serial >= 0),
        PRIMARY KEY (issuing_unit, kind, year)
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON document_number TO campaign_app`);

    await queryRunner.query(`ALTER TABLE escalation_notice ADD COLUMN issuing_unit text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `ALTER TABLE escalation_notice DROP CONSTRAINT escalation_notice_notice_kind_year_serial_key`,
    );
    await queryRunner.query(
      `ALTER TABLE escalation_notice ADD CONSTRAINT escalation_notice_number_key UNIQUE (issuing_unit, notice_kind, year, serial)`,
    );
    await queryRunner.query(`
      INSERT INTO document_number (issuing_unit, kind, year, last_serial)
      SELECT '', notice_kind, year, max(serial) FROM escalation_notice GROUP BY notice_kind, year`);

    await queryRunner.query(`
      ALTER TABLE campaign_escalation
        ADD COLUMN issuing_unit text,
        ADD COLUMN year int,
        ADD COLUMN serial int,
        ADD CONSTRAINT campaign_escalation_number_key UNIQUE (issuing_unit, notice_kind, year, serial)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE campaign_escalation
        DROP CONSTRAINT campaign_escalation_number_key,
        DROP COLUMN serial, DROP COLUMN year, DROP COLUMN issuing_unit`);
    await queryRunner.query(`ALTER TABLE escalation_notice DROP CONSTRAINT escalation_notice_number_key`);
    await queryRunner.query(
      `ALTER TABLE escalation_notice ADD CONSTRAINT escalation_notice_notice_kind_year_serial_key UNIQUE (notice_kind, year, serial)`,
    );
    await queryRunner.query(`ALTER TABLE escalation_notice DROP COLUMN issuing_unit`);
    await queryRunner.query(`DROP TABLE document_number`);
  }
}
