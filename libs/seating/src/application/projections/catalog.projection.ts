import { Injectable } from '@nestjs/common';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '@app/event-store';
import { normalizePlateNumber } from '../../domain/catalog.decide';
import { CatalogEvent } from '../../domain/events';
import type { TripCancelled, TripDelayed } from '../../domain/seat-allocation.events';

/** Buses and trips as the queries read them. Inserts are idempotent (replays change nothing). */
@Injectable()
export class CatalogProjection implements InlineProjection {
  readonly name = 'catalog';
  readonly handles = ['BusRegistered', 'TripScheduled', 'TripCancelled', 'TripDelayed'] as const;

  async apply(events: readonly RecordedEvent[], sql: SqlExecutor): Promise<void> {
    for (const event of events as unknown as RecordedEvent<
      CatalogEvent | TripCancelled | TripDelayed
    >[]) {
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
