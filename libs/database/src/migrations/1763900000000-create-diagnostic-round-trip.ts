import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDiagnosticRoundTrip1763900000000 implements MigrationInterface {
  name = 'CreateDiagnosticRoundTrip1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE diagnostic_round_trip (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        requested_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL
      )`);
    await queryRunner.query(
      `COMMENT ON COLUMN diagnostic_round_trip.recorded_by IS 'identity of the worker whose activity wrote the row'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE diagnostic_round_trip');
  }
}
