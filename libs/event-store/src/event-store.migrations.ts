import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationClass } from './database/data-source';
import { applySchemaChange } from './database/migrator';

/** `0001_event_store` of the former migrator. */
export class EventStore1700000000001 implements MigrationInterface {
  name = 'EventStore1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0001_event_store',
      `
      CREATE TABLE streams (
        stream_id  text PRIMARY KEY,
        version    integer NOT NULL CHECK (version > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        stream_id       text NOT NULL,
        stream_position integer NOT NULL CHECK (stream_position > 0),
        event_id        uuid NOT NULL,
        type            text NOT NULL,
        schema_version  integer NOT NULL DEFAULT 1,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        -- Lets subscribers read only below the oldest in-flight transaction (late-commit gap).
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_position_key UNIQUE (stream_id, stream_position),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      );
      CREATE INDEX events_transaction_order_idx ON events (transaction_id, global_position);
      CREATE INDEX events_type_idx ON events (type, global_position);

      CREATE TABLE subscription_checkpoints (
        subscription_id     text PRIMARY KEY,
        last_transaction_id xid8 NOT NULL DEFAULT '0',
        last_position       bigint NOT NULL DEFAULT 0,
        updated_at          timestamptz NOT NULL DEFAULT now()
      );
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE subscription_checkpoints; DROP TABLE events; DROP TABLE streams;`,
    );
  }
}

/**
 * What aborts an append to several streams in one statement when one of them is not at its
 * expected version (SQLSTATE SV409, the stream id as the detail): nothing is written.
 */
export class StreamMovedOn1700000000600 implements MigrationInterface {
  name = 'StreamMovedOn1700000000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION event_store_stream_moved_on(stream_id text) RETURNS boolean
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION 'stream % is not at its expected version', stream_id
          USING ERRCODE = 'SV409', DETAIL = stream_id;
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION event_store_stream_moved_on(text);');
  }
}

/** This lib's part of the schema history (TypeORM migrations, ordered by their timestamps). */
export const eventStoreMigrations: MigrationClass[] = [
  EventStore1700000000001,
  StreamMovedOn1700000000600,
];
