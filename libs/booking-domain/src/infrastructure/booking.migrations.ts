import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySchemaChange, type MigrationClass } from '@app/event-store';

/** `0200_bookings` of the former migrator. */
export class Bookings1700000000200 implements MigrationInterface {
  name = 'Bookings1700000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0200_bookings',
      `
      -- The booking read model, kept by the inline bookings projection. Personal data stays
      -- sealed inside document (as in the events); e-mail and phone are searchable through
      -- keyed hashes only.
      CREATE TABLE bookings (
        id                  uuid PRIMARY KEY,
        reference           text NOT NULL,
        trip_id             uuid NOT NULL,
        owner_kind          text NOT NULL,
        owner_id            text NOT NULL,
        status              text NOT NULL,
        payment_status      text NOT NULL,
        seat_numbers        text[] NOT NULL,
        total_amount        bigint NOT NULL,
        refund_amount       bigint NOT NULL DEFAULT 0,
        currency            text NOT NULL,
        contact_email_index text NOT NULL,
        contact_phone_index text NOT NULL,
        departure_at        timestamptz NOT NULL,
        arrival_at          timestamptz NOT NULL,
        created_at          timestamptz NOT NULL,
        expires_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        version             integer NOT NULL,
        document            jsonb NOT NULL
      );
      CREATE UNIQUE INDEX bookings_reference_key ON bookings (reference);
      CREATE INDEX bookings_owner_departure_idx ON bookings (owner_kind, owner_id, departure_at, id);
      CREATE INDEX bookings_owner_created_idx ON bookings (owner_kind, owner_id, created_at, id);
      CREATE INDEX bookings_contact_email_idx ON bookings (contact_email_index);
      CREATE INDEX bookings_contact_phone_idx ON bookings (contact_phone_index);
      CREATE INDEX bookings_pending_expiry_idx ON bookings (expires_at) WHERE status = 'pending';
      CREATE INDEX bookings_confirmed_arrival_idx ON bookings (arrival_at) WHERE status = 'confirmed';
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bookings;`);
  }
}

/** `0201_bookings_history_indexes` of the former migrator. */
export class BookingsHistoryIndexes1700000000201 implements MigrationInterface {
  name = 'BookingsHistoryIndexes1700000000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0201_bookings_history_indexes',
      `
      -- History pages are found in the index alone (status included for its filter), and only
      -- the page's rows are fetched: a deep page costs index entries, not documents.
      DROP INDEX bookings_owner_departure_idx;
      DROP INDEX bookings_owner_created_idx;
      CREATE INDEX bookings_owner_departure_idx
        ON bookings (owner_kind, owner_id, departure_at, id) INCLUDE (status);
      CREATE INDEX bookings_owner_created_idx
        ON bookings (owner_kind, owner_id, created_at, id) INCLUDE (status);
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX bookings_owner_departure_idx;
      DROP INDEX bookings_owner_created_idx;
      CREATE INDEX bookings_owner_departure_idx ON bookings (owner_kind, owner_id, departure_at, id);
      CREATE INDEX bookings_owner_created_idx ON bookings (owner_kind, owner_id, created_at, id);
    `);
  }
}

/** `0202_guest_access_codes` of the former migrator. */
export class GuestAccessCodes1700000000202 implements MigrationInterface {
  name = 'GuestAccessCodes1700000000202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0202_guest_access_codes',
      `
      -- One-time codes e-mailed to a guest booking's contact. Only a keyed hash of the code is
      -- kept; a new code for the same booking and purpose replaces the old one.
      CREATE TABLE guest_access_codes (
        booking_id uuid NOT NULL,
        purpose    text NOT NULL,
        code_hash  text NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts   integer NOT NULL DEFAULT 0,
        used_at    timestamptz,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (booking_id, purpose)
      );
      CREATE INDEX guest_access_codes_expiry_idx ON guest_access_codes (expires_at);
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE guest_access_codes;`);
  }
}

/** The e-ticket mails owed, for the worker's sweep after Redis or a worker was lost. */
export class BookingsTicketMailDue1700000000203 implements MigrationInterface {
  name = 'BookingsTicketMailDue1700000000203';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Existing rows stay null: what was owed before this column existed is not sent again.
    await queryRunner.query(`
      ALTER TABLE bookings ADD COLUMN IF NOT EXISTS ticket_mail_due_at timestamptz;
      CREATE INDEX IF NOT EXISTS bookings_ticket_mail_due_idx ON bookings (ticket_mail_due_at)
        WHERE ticket_mail_due_at IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX IF EXISTS bookings_ticket_mail_due_idx;
      ALTER TABLE bookings DROP COLUMN IF EXISTS ticket_mail_due_at;
    `);
  }
}

export class BookingsTripIndex1700000000204 implements MigrationInterface {
  name = 'BookingsTripIndex1700000000204';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A trip's bookings: its manifest, and the saga of its cancellation.
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS bookings_trip_idx ON bookings (trip_id, status);`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS bookings_trip_idx;`);
  }
}

export class BookingsWithoutContactIndexes1700000000205 implements MigrationInterface {
  name = 'BookingsWithoutContactIndexes1700000000205';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No query looks bookings up by their contact (a guest's lookup compares the contact of the
    // booking found by its reference), yet every booking written updated both indexes: a tenth of
    // a booking's index writes.
    await queryRunner.query(`
      DROP INDEX IF EXISTS bookings_contact_email_idx;
      DROP INDEX IF EXISTS bookings_contact_phone_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS bookings_contact_email_idx ON bookings (contact_email_index);
      CREATE INDEX IF NOT EXISTS bookings_contact_phone_idx ON bookings (contact_phone_index);
    `);
  }
}

export class BookingsDocumentLz41700000000206 implements MigrationInterface {
  name = 'BookingsDocumentLz41700000000206';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A booking's document (~2 KB) is just over the size Postgres compresses: every booking,
    // confirmation and cancellation compressed it with pglz (~5 % of Postgres' CPU in a booking
    // flow), and every history page decompressed it. lz4 is cheaper both ways; a server built
    // without it keeps pglz. New row versions only: nothing is rewritten.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF 'lz4' = ANY ((SELECT enumvals FROM pg_settings
                          WHERE name = 'default_toast_compression')::text[]) THEN
          ALTER TABLE bookings ALTER COLUMN document SET COMPRESSION lz4;
        END IF;
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE bookings ALTER COLUMN document SET COMPRESSION default;`);
  }
}

/** This lib's part of the schema history (TypeORM migrations, ordered by their timestamps). */
export const bookingMigrations: MigrationClass[] = [
  Bookings1700000000200,
  BookingsHistoryIndexes1700000000201,
  GuestAccessCodes1700000000202,
  BookingsTicketMailDue1700000000203,
  BookingsTripIndex1700000000204,
  BookingsWithoutContactIndexes1700000000205,
  BookingsDocumentLz41700000000206,
];
