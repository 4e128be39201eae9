import { Injectable } from '@nestjs/common';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '@app/event-store';
import { BOOKING_EVENT_TYPES, BookingEvent } from '../../domain/booking.events';
import { Booking, evolve } from '../../domain/booking.state';

/**
 * One row per booking: the booking's state (as the deciders see it) plus the columns lists and
 * lookups filter on. Idempotent: an event at or below the row's version changes nothing.
 */
@Injectable()
export class BookingsProjection implements InlineProjection {
  readonly name = 'bookings';
  readonly handles = BOOKING_EVENT_TYPES;

  async apply(
    events: readonly RecordedEvent[],
    sql: SqlExecutor,
    knownState?: unknown,
  ): Promise<void> {
    // The writer passes the booking as it decided on it: the row need not be read back.
    let known = isBooking(knownState) ? knownState : null;
    for (const event of events as unknown as RecordedEvent<BookingEvent>[]) {
      const bookingId = event.data.bookingId;
      const current =
        event.type === 'BookingCreated'
          ? null
          : known?.bookingId === bookingId && known.version === event.streamPosition - 1
            ? known
            : ((
                await sql.query<{ document: Booking }>(
                  'SELECT document FROM bookings WHERE id = $1',
                  [bookingId],
                )
              ).rows[0]?.document ?? null);
      if (current && current.version >= event.streamPosition) continue;
      const next = evolve(current, event);
      known = next;
      await sql.query(
        `INSERT INTO bookings (id, reference, trip_id, owner_kind, owner_id, status, payment_status,
                               seat_numbers, total_amount, refund_amount, currency,
                               contact_email_index, contact_phone_index, departure_at, arrival_at,
                               created_at, expires_at, updated_at, version, document)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20)
         ON CONFLICT (id) DO UPDATE SET
           -- A creation replayed onto an existing row changes nothing.
           owner_kind = EXCLUDED.owner_kind, owner_id = EXCLUDED.owner_id,
           status = EXCLUDED.status, payment_status = EXCLUDED.payment_status,
           seat_numbers = EXCLUDED.seat_numbers, total_amount = EXCLUDED.total_amount,
           refund_amount = EXCLUDED.refund_amount, updated_at = EXCLUDED.updated_at,
           version = EXCLUDED.version, document = EXCLUDED.document
         WHERE bookings.version < EXCLUDED.version`,
        [
          next.bookingId,
          next.reference,
          next.tripId,
          next.owner.kind,
          next.owner.id,
          next.status,
          next.paymentStatus,
          next.seatNumbers,
          next.price.total.amount,
          next.cancellation?.refund.amount.amount ?? 0,
          next.price.total.currency,
          next.contact.emailIndex,
          next.contact.phoneIndex,
          next.departureAt,
          next.arrivalAt,
          next.createdAt,
          next.expiresAt,
          event.metadata.occurredAt,
          next.version,
          JSON.stringify(next),
        ],
      );
    }
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE bookings');
  }
}

function isBooking(value: unknown): value is Booking {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Booking).bookingId === 'string' &&
    typeof (value as Booking).version === 'number'
  );
}
