import type { Migration } from '@app/event-store';

export const seatingMigrations: Migration[] = [
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
];
