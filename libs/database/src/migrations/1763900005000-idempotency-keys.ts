import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per command sent with an `Idempotency-Key`: claimed before the command runs, completed
 * with the answer it gave (2xx and 4xx), replayed to a retry with the same key for 24 hours.
 */
export class IdempotencyKeys1763900005000 implements MigrationInterface {
  name = 'IdempotencyKeys1763900005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_key (
        caller text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        route text NOT NULL,
        fingerprint text NOT NULL,
        claim uuid NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        completed boolean NOT NULL DEFAULT false,
        status int,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_key`);
  }
}
