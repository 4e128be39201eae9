import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySchemaChange, type MigrationClass } from '@app/event-store';

/** `0300_e_tickets` of the former migrator. */
export class ETickets1700000000300 implements MigrationInterface {
  name = 'ETickets1700000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0300_e_tickets',
      `
      -- Archived e-ticket PDFs: the same bytes are served until the ticket's content changes
      -- (content_hash); a cancelled booking's ticket is marked void.
      CREATE TABLE e_tickets (
        booking_id     uuid PRIMARY KEY,
        content_hash   text NOT NULL,
        pdf            bytea NOT NULL,
        generated_at   timestamptz NOT NULL,
        void_at        timestamptz
      );
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE e_tickets;`);
  }
}

/** Revoked e-tickets, for scanners to cache (GET /tickets/revocations). */
export class TicketRevocations1700000000301 implements MigrationInterface {
  name = 'TicketRevocations1700000000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0301_ticket_revocations',
      `
      -- One row per revoked e-ticket (<passengerId>.<revision>), kept by the inline
      -- ticket-revocations projection from the bookings' events.
      CREATE TABLE ticket_revocations (
        ticket_id  text PRIMARY KEY,
        booking_id uuid NOT NULL,
        reason     text NOT NULL,
        revoked_at timestamptz NOT NULL
      );
      CREATE INDEX ticket_revocations_time_idx ON ticket_revocations (revoked_at, ticket_id);
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ticket_revocations;`);
  }
}

/** This lib's part of the schema history (TypeORM migrations, ordered by their timestamps). */
export const ticketingMigrations: MigrationClass[] = [
  ETickets1700000000300,
  TicketRevocations1700000000301,
];
