import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches: one action over every object matching a filter, run by `batchWorkflow`; `batch_item`
 * holds the frozen list and each object's result. And the password an administrator reset, which
 * its owner must replace at the next sign-in (`app_user.must_change_password`).
 */
export class Batches1763900012000 implements MigrationInterface {
  name = 'Batches1763900012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE batch (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        filter jsonb NOT NULL,
        step jsonb NOT NULL,
        caller jsonb NOT NULL,
        created_by uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('resolving', 'running', 'finished')),
        total int,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX batch_created_by_idx ON batch (created_by, created_at)`);
    await queryRunner.query(`
      CREATE TABLE batch_item (
        batch_id uuid NOT NULL REFERENCES batch (id),
        seq int NOT NULL,
        object_id uuid NOT NULL,
        label text NOT NULL,
        result text NOT NULL CHECK (result IN ('pending', 'applied', 'refused', 'not-reached')),
        code text,
        message text,
        finished_at timestamptz,
        PRIMARY KEY (batch_id, seq),
        UNIQUE (batch_id, object_id)
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON batch, batch_item TO campaign_app`);
    await queryRunner.query(
      `ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN must_change_password`);
    await queryRunner.query(`DROP TABLE batch_item`);
    await queryRunner.query(`DROP TABLE batch`);
  }
}
