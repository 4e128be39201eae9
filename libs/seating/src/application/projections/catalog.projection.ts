import { Injectable } from '@nestjs/common';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '@app/event-store';
import { normalizePlateNumber } from '../../domain/catalog.decide';
import { CatalogEvent } from '../../domain/events';
import type {
  TripAdminEvent,
  TripCancelled,
  TripDelayed,
} from '../../domain/seat-allocation.events';

/** Buses and trips as the queries read them. Inserts are idempotent (replays change nothing). */
@Injectable()
export class CatalogProjection implements InlineProjection {
  readonly name = 'catalog';
  readonly handles = [
    'BusRegistered',
    'BusUpdated',
    'TripScheduled',
    'TripCancelled',
    'TripDelayed',
    'TripUpdated',
    'TripFaresChanged',
    'TripSalesClosed',
    'TripSalesOpened',
  ] as const;

  async apply(events: readonly RecordedEvent[], sql: SqlExecutor): Promise<void> {
    type Handled = CatalogEvent | TripCancelled | TripDelayed | TripAdminEvent;
    for (const event of events as unknown as RecordedEvent<Handled>[]) {
      switch (event.type) {
        case 'BusRegistered': {
          const bus = event.data;
          await sql.query(
            `INSERT INTO buses (id, name, plate_number, plate_key, seats, seat_count, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
            [
              bus.id,
              bus.name,
              bus.plateNumber,
              normalizePlateNumber(bus.plateNumber),
              JSON.stringify(bus.seats),
              bus.seats.length,
              bus.registeredAt,
            ],
          );
          break;
        }
        case 'TripScheduled': {
          const trip = event.data;
          await sql.query(
            `INSERT INTO trips (id, bus_id, origin, destination, departure_at, arrival_at, fares,
                                max_seats_per_booking, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
            [
              trip.id,
              trip.busId,
              trip.origin,
              trip.destination,
              trip.departureAt,
              trip.arrivalAt,
              JSON.stringify(trip.fares),
              trip.maxSeatsPerBooking,
              trip.scheduledAt,
            ],
          );
          break;
        }
        case 'TripCancelled':
          await sql.query(
            `UPDATE trips SET cancelled_at = $2, cancel_reason = $3
              WHERE id = $1 AND cancelled_at IS NULL`,
            [event.data.tripId, event.data.cancelledAt, event.data.reason],
          );
          break;
        case 'BusUpdated': {
          const { busId, name, plateNumber } = event.data;
          await sql.query(
            `UPDATE buses SET name = coalesce($2, name), plate_number = coalesce($3, plate_number),
                    plate_key = coalesce($4, plate_key)
              WHERE id = $1`,
            [
              busId,
              name ?? null,
              plateNumber ?? null,
              plateNumber ? normalizePlateNumber(plateNumber) : null,
            ],
          );
          break;
        }
        case 'TripUpdated': {
          const { tripId, changes } = event.data;
          // A new schedule, not a delay: it is the one scheduled now.
          await sql.query(
            `UPDATE trips SET bus_id = coalesce($2, bus_id), origin = coalesce($3, origin),
                    destination = coalesce($4, destination),
                    departure_at = coalesce($5, departure_at), arrival_at = coalesce($6, arrival_at),
                    scheduled_departure_at = coalesce($5, scheduled_departure_at),
                    delay_reason = CASE WHEN $5::timestamptz IS NULL THEN delay_reason END,
                    delayed_at = CASE WHEN $5::timestamptz IS NULL THEN delayed_at END,
                    max_seats_per_booking = coalesce($7, max_seats_per_booking)
              WHERE id = $1`,
            [
              tripId,
              changes.busId ?? null,
              changes.origin ?? null,
              changes.destination ?? null,
              changes.departureAt ?? null,
              changes.arrivalAt ?? null,
              changes.maxSeatsPerBooking ?? null,
            ],
          );
          break;
        }
        case 'TripFaresChanged':
          await sql.query(`UPDATE trips SET fares = $2 WHERE id = $1`, [
            event.data.tripId,
            JSON.stringify(event.data.fares),
          ]);
          break;
        case 'TripSalesClosed':
          await sql.query(
            `UPDATE trips SET sales_closed_at = $2, sales_closed_reason = $3 WHERE id = $1`,
            [event.data.tripId, event.data.closedAt, event.data.reason ?? null],
          );
          break;
        case 'TripSalesOpened':
          await sql.query(
            `UPDATE trips SET sales_closed_at = NULL, sales_closed_reason = NULL WHERE id = $1`,
            [event.data.tripId],
          );
          break;
        case 'TripDelayed': {
          const delay = event.data;
          // Delays only move later: a replayed older one changes nothing.
          await sql.query(
            `UPDATE trips SET departure_at = $2, arrival_at = $3, scheduled_departure_at = $4,
                    delay_reason = $5, delayed_at = $6
              WHERE id = $1 AND departure_at < $2`,
            [
              delay.tripId,
              delay.departureAt,
              delay.arrivalAt,
              delay.scheduledDepartureAt,
              delay.reason,
              delay.delayedAt,
            ],
          );
          break;
        }
      }
    }
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE trips, buses');
  }
}
