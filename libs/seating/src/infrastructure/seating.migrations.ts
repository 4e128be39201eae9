import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySchemaChange, type MigrationClass } from '@app/event-store';

/** `0100_catalog` of the former migrator. */
export class Catalog1700000000100 implements MigrationInterface {
  name = 'Catalog1700000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0100_catalog',
      `
      -- Read models of the catalog, kept by the inline catalog projection.
      CREATE TABLE buses (
        id           uuid PRIMARY KEY,
        name         text NOT NULL,
        plate_number text NOT NULL,
        plate_key    text NOT NULL,
        seats        jsonb NOT NULL,
        seat_count   integer NOT NULL,
        created_at   timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX buses_plate_key_idx ON buses (plate_key);

      CREATE TABLE trips (
        id                    uuid PRIMARY KEY,
        bus_id                uuid NOT NULL,
        origin                text NOT NULL,
        destination           text NOT NULL,
        departure_at          timestamptz NOT NULL,
        arrival_at            timestamptz NOT NULL,
        fares                 jsonb NOT NULL,
        max_seats_per_booking integer NOT NULL,
        created_at            timestamptz NOT NULL
      );
      CREATE INDEX trips_route_idx ON trips (lower(origin), lower(destination), departure_at);
      CREATE INDEX trips_departure_idx ON trips (departure_at);
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trips; DROP TABLE buses;`);
  }
}

/** `0101_seat_holds` of the former migrator. */
export class SeatHolds1700000000101 implements MigrationInterface {
  name = 'SeatHolds1700000000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0101_seat_holds',
      `
      -- Holds as the seat map and the lock endpoints read them; kept by the inline seat-holds
      -- projection from the per-trip allocation stream. Ended holds stay for idempotent release.
      CREATE TABLE seat_holds (
        lock_id        uuid PRIMARY KEY,
        trip_id        uuid NOT NULL,
        holder_kind    text NOT NULL,
        holder_id      text NOT NULL,
        seat_numbers   text[] NOT NULL,
        locked_at      timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,
        max_expires_at timestamptz NOT NULL,
        status         text NOT NULL DEFAULT 'active'
                       CHECK (status IN ('active', 'released', 'expired', 'transferred')),
        ended_at       timestamptz
      );
      CREATE INDEX seat_holds_trip_active_idx ON seat_holds (trip_id) WHERE status = 'active';
      CREATE INDEX seat_holds_expiry_idx ON seat_holds (expires_at) WHERE status = 'active';
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE seat_holds;`);
  }
}

/** `0102_seat_bookings` of the former migrator. */
export class SeatBookings1700000000102 implements MigrationInterface {
  name = 'SeatBookings1700000000102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0102_seat_bookings',
      `
      -- Seats owned by bookings, kept by the seat-holds projection from the allocation stream.
      -- The key is a last line of defence: one booking per seat of a trip.
      CREATE TABLE seat_bookings (
        trip_id     uuid NOT NULL,
        seat_number text NOT NULL,
        booking_id  uuid NOT NULL,
        booked_at   timestamptz NOT NULL,
        PRIMARY KEY (trip_id, seat_number)
      );
      CREATE INDEX seat_bookings_booking_idx ON seat_bookings (booking_id);

      ALTER TABLE seat_holds DROP CONSTRAINT seat_holds_status_check;
      ALTER TABLE seat_holds ADD CONSTRAINT seat_holds_status_check
        CHECK (status IN ('active', 'released', 'expired', 'transferred', 'booked'));
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE seat_holds SET status = 'transferred' WHERE status = 'booked';
      ALTER TABLE seat_holds DROP CONSTRAINT seat_holds_status_check;
      ALTER TABLE seat_holds ADD CONSTRAINT seat_holds_status_check
        CHECK (status IN ('active', 'released', 'expired', 'transferred'));
      DROP TABLE seat_bookings;
    `);
  }
}

export class WaitlistEntries1700000000103 implements MigrationInterface {
  name = 'WaitlistEntries1700000000103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0103_waitlist_entries',
      `
      -- Parties on trips' waiting lists, kept by the inline waitlist projection from the per-trip
      -- allocation stream. position: the stream version of the join (the list's order).
      CREATE TABLE waitlist_entries (
        entry_id             uuid PRIMARY KEY,
        trip_id              uuid NOT NULL,
        position             integer NOT NULL,
        holder_kind          text NOT NULL CHECK (holder_kind IN ('user', 'guest')),
        holder_id            text NOT NULL,
        seats                integer NOT NULL,
        seat_type            text,
        contact_email        text NOT NULL,
        contact_email_masked text NOT NULL,
        status               text NOT NULL CHECK (status IN ('waiting', 'offered', 'left')),
        joined_at            timestamptz NOT NULL,
        ended_at             timestamptz,
        offer_lock_id        uuid,
        offer_seat_numbers   text[],
        offer_expires_at     timestamptz
      );
      CREATE INDEX waitlist_entries_waiting_idx ON waitlist_entries (trip_id, position)
        WHERE status = 'waiting';
      CREATE INDEX waitlist_entries_holder_idx ON waitlist_entries (trip_id, holder_kind, holder_id);
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE waitlist_entries;`);
  }
}

export class WaitlistOrigin1700000000104 implements MigrationInterface {
  name = 'WaitlistOrigin1700000000104';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0104_waitlist_origin',
      `
      -- A guest's client address as a keyed hash: guests of one address take a few places only.
      ALTER TABLE waitlist_entries ADD COLUMN origin text;
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE waitlist_entries DROP COLUMN origin;`);
  }
}

export class TripCancellation1700000000105 implements MigrationInterface {
  name = 'TripCancellation1700000000105';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0105_trip_cancellation',
      `
      -- Set by the catalog projection from TripCancelled (in the trip's allocation stream).
      ALTER TABLE trips ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancel_reason text;
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE trips DROP COLUMN cancelled_at, DROP COLUMN cancel_reason;`,
    );
  }
}

export class TripDelay1700000000106 implements MigrationInterface {
  name = 'TripDelay1700000000106';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0106_trip_delay',
      `
      -- Set by the catalog projection from TripDelayed, which also moves departure_at/arrival_at.
      ALTER TABLE trips
        ADD COLUMN scheduled_departure_at timestamptz,
        ADD COLUMN delay_reason text,
        ADD COLUMN delayed_at timestamptz;
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE trips DROP COLUMN scheduled_departure_at, DROP COLUMN delay_reason,
         DROP COLUMN delayed_at;`,
    );
  }
}

export class TripSales1700000000107 implements MigrationInterface {
  name = 'TripSales1700000000107';

  async up(queryRunner: QueryRunner): Promise<void> {
    await applySchemaChange(
      queryRunner,
      '0107_trip_sales',
      `
      -- Set by the catalog projection from TripSalesClosed, cleared by TripSalesOpened.
      ALTER TABLE trips ADD COLUMN sales_closed_at timestamptz, ADD COLUMN sales_closed_reason text;
    `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE trips DROP COLUMN sales_closed_at, DROP COLUMN sales_closed_reason;`,
    );
  }
}

/** This lib's part of the schema history (TypeORM migrations, ordered by their timestamps). */
export const seatingMigrations: MigrationClass[] = [
  Catalog1700000000100,
  SeatHolds1700000000101,
  SeatBookings1700000000102,
  WaitlistEntries1700000000103,
  WaitlistOrigin1700000000104,
  TripCancellation1700000000105,
  TripDelay1700000000106,
  TripSales1700000000107,
];
