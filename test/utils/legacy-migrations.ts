import type { Pool } from 'pg';
import { inTransaction } from '@app/event-store';

/**
 * The schema history as the migrator before TypeORM's migrations kept it (commit 36ecc3a): each
 * lib's `{id, sql}` list and the migrator that applied it under an advisory lock, recording ids
 * in `schema_migrations`. Frozen here so that a test can build a database the way a release
 * before the switch did, and check that the TypeORM migrations upgrade it in place.
 */
interface Migration {
  id: string;
  sql: string;
}

export const legacyMigrations: Migration[] = [
  {
    id: '0001_event_store',
    sql: `
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
  },
  {
    id: '0050_idempotency_keys',
    sql: `
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
  },
  {
    id: '0100_catalog',
    sql: `
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
  },
  {
    id: '0101_seat_holds',
    sql: `
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
  },
  {
    id: '0102_seat_bookings',
    sql: `
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
  },
  {
    id: '0200_bookings',
    sql: `
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
  },
  {
    id: '0201_bookings_history_indexes',
    sql: `
      -- History pages are found in the index alone (status included for its filter), and only
      -- the page's rows are fetched: a deep page costs index entries, not documents.
      DROP INDEX bookings_owner_departure_idx;
      DROP INDEX bookings_owner_created_idx;
      CREATE INDEX bookings_owner_departure_idx
        ON bookings (owner_kind, owner_id, departure_at, id) INCLUDE (status);
      CREATE INDEX bookings_owner_created_idx
        ON bookings (owner_kind, owner_id, created_at, id) INCLUDE (status);
    `,
  },
  {
    id: '0202_guest_access_codes',
    sql: `
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
  },
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

const MIGRATION_LOCK = 72_410_001;

/** Applies pending migrations in id order, each in its own transaction, one process at a time. */
export async function runLegacyMigrations(
  pool: Pool,
  migrations: readonly Migration[] = legacyMigrations,
): Promise<string[]> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`Duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  const ordered = [...migrations].sort((a, b) => a.id.localeCompare(b.id));
  const lockClient = await pool.connect();
  const applied: string[] = [];
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await lockClient.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         id text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await lockClient.query<{ id: string }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    for (const migration of ordered) {
      if (done.has(migration.id)) continue;
      await inTransaction(pool, async (client) => {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      });
      applied.push(migration.id);
    }
  } finally {
    await lockClient
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
      .catch(() => undefined);
    lockClient.release();
  }
  return applied;
}
