import type { Migration } from '@app/event-store';

export const ticketingMigrations: Migration[] = [
  {
    id: '0300_e_tickets',
    sql: `
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
  },
];
