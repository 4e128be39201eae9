import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySchemaChange, type MigrationClass } from '@app/event-store';

/** `0050_idempotency_keys` of the former migrator. */
export class IdempotencyKeys1700000000050 implements MigrationInterface {
  name = 'IdempotencyKeys1700000000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0050_idempotency_keys',
      `
      CREATE TABLE idempotency_keys (
        scope        text NOT NULL,
        caller       text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        status_code  integer,
        response     jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, caller, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys;`);
  }
}

/** Which API process claimed a key (its liveness lock, see process-liveness.ts). */
export class IdempotencyKeysClaimant1700000000051 implements MigrationInterface {
  name = 'IdempotencyKeysClaimant1700000000051';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS claimed_by integer;`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS claimed_by;`);
  }
}

/** The HTTP layer's part of the schema history. */
export const idempotencyMigrations: MigrationClass[] = [
  IdempotencyKeys1700000000050,
  IdempotencyKeysClaimant1700000000051,
];
