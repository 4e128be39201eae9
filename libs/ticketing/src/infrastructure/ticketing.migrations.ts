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

/** This lib's part of the schema history (TypeORM migrations, ordered by their timestamps). */
export const ticketingMigrations: MigrationClass[] = [ETickets1700000000300];
