import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySchemaChange, type MigrationClass } from '@app/event-store';

/** Endpoints other systems registered, and the outbox of deliveries made from the event log. */
export class Webhooks1700000000500 implements MigrationInterface {
  name = 'Webhooks1700000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0500_webhooks',
      `
      CREATE TABLE webhook_endpoints (
        id              uuid PRIMARY KEY,
        url             text NOT NULL,
        events          text[] NOT NULL,
        description     text,
        -- The signing secret, sealed like personal data (shown once, at registration).
        secret_sealed   text NOT NULL,
        status          text NOT NULL CHECK (status IN ('active', 'disabled')),
        disabled_reason text,
        disabled_at     timestamptz,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL
      );

      -- One row per message and endpoint, written by the worker's outbox subscription from the
      -- log (never by the command that made the event). message_id is the source event's id.
      CREATE TABLE webhook_deliveries (
        id               uuid PRIMARY KEY,
        endpoint_id      uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        message_id       uuid NOT NULL,
        event_type       text NOT NULL,
        ordering_key     text NOT NULL,
        sequence         bigint NOT NULL,
        payload          jsonb NOT NULL,
        status           text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        failures         integer NOT NULL DEFAULT 0,
        first_attempt_at timestamptz,
        next_attempt_at  timestamptz NOT NULL,
        leased_until     timestamptz,
        last_status_code integer,
        last_error       text,
        last_attempt_at  timestamptz,
        delivered_at     timestamptz,
        created_at       timestamptz NOT NULL,
        UNIQUE (endpoint_id, message_id)
      );
      -- The head of each endpoint's line per booking or trip: the oldest pending message.
      CREATE INDEX webhook_deliveries_pending_idx
        ON webhook_deliveries (endpoint_id, ordering_key, sequence) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_endpoint_idx
        ON webhook_deliveries (endpoint_id, created_at DESC, id);
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_deliveries; DROP TABLE webhook_endpoints;`);
  }
}

export const webhookMigrations: MigrationClass[] = [Webhooks1700000000500];
