import { Injectable } from '@nestjs/common';
import type {
  AppendCtes,
  InlineProjection,
  PendingEvent,
  RecordedEvent,
  SqlExecutor,
} from '@app/event-store';
import { BOOKING_EVENT_TYPES, BookingEvent } from '../../domain/booking.events';
import { Booking, evolve, refundsOf } from '../../domain/booking.state';

/** The row's columns, their types (for a folded statement's parameters) and values. */
const COLUMNS: [string, string, (b: Booking, updatedAt: string) => unknown][] = [
  ['id', 'uuid', (b) => b.bookingId],
  ['reference', 'text', (b) => b.reference],
  ['trip_id', 'uuid', (b) => b.tripId],
  ['owner_kind', 'text', (b) => b.owner.kind],
  ['owner_id', 'text', (b) => b.owner.id],
  ['status', 'text', (b) => b.status],
  ['payment_status', 'text', (b) => b.paymentStatus],
  ['seat_numbers', 'text[]', (b) => b.seatNumbers],
  ['total_amount', 'bigint', (b) => b.price.total.amount],
  [
    'refund_amount',
    'bigint',
    (b) => refundsOf(b).reduce((sum, refund) => sum + refund.amount.amount, 0),
  ],
  ['currency', 'text', (b) => b.price.total.currency],
  ['contact_email_index', 'text', (b) => b.contact.emailIndex],
  ['contact_phone_index', 'text', (b) => b.contact.phoneIndex],
  ['departure_at', 'timestamptz', (b) => b.departureAt],
  ['arrival_at', 'timestamptz', (b) => b.arrivalAt],
  ['created_at', 'timestamptz', (b) => b.createdAt],
  ['expires_at', 'timestamptz', (b) => b.expiresAt],
  ['updated_at', 'timestamptz', (_, updatedAt) => updatedAt],
  ['version', 'integer', (b) => b.version],
  // Since when the confirmation's e-ticket mail is owed; null once sent or given up.
  [
    'ticket_mail_due_at',
    'timestamptz',
    (b) =>
      b.status === 'confirmed' && b.ticketMail === 'pending'
        ? (b.payment?.confirmedAt ?? null)
        : null,
  ],
  ['document', 'jsonb', (b) => JSON.stringify(b)],
];

const UPSERT = (values: string) =>
  `INSERT INTO bookings (${COLUMNS.map(([name]) => name).join(', ')})
   ${values}
   ON CONFLICT (id) DO UPDATE SET
     -- A creation replayed onto an existing row changes nothing.
     owner_kind = EXCLUDED.owner_kind, owner_id = EXCLUDED.owner_id,
     status = EXCLUDED.status, payment_status = EXCLUDED.payment_status,
     seat_numbers = EXCLUDED.seat_numbers, total_amount = EXCLUDED.total_amount,
     refund_amount = EXCLUDED.refund_amount, updated_at = EXCLUDED.updated_at,
     version = EXCLUDED.version, document = EXCLUDED.document,
     ticket_mail_due_at = EXCLUDED.ticket_mail_due_at,
     -- A delayed trip moves its bookings' times.
     departure_at = EXCLUDED.departure_at, arrival_at = EXCLUDED.arrival_at,
     expires_at = EXCLUDED.expires_at
   WHERE bookings.version < EXCLUDED.version`;

const valuesOf = (booking: Booking, updatedAt: string) =>
  COLUMNS.map(([, , value]) => value(booking, updatedAt));

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
        UPSERT(`VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`),
        valuesOf(next, event.metadata.occurredAt),
      );
    }
  }

  /**
   * A new booking, or one whose state before the events the writer passed along: its final row,
   * written by the append's own statement.
   */
  fold(
    events: readonly PendingEvent[],
    param: (value: unknown) => string,
    knownState: unknown,
    append: AppendCtes,
  ): string[] | undefined {
    const [first] = events as unknown as PendingEvent<BookingEvent>[];
    const known = isBooking(knownState) ? knownState : null;
    let state: Booking | null;
    if (first.type === 'BookingCreated') state = null;
    else if (
      known?.bookingId === first.data.bookingId &&
      known.version === first.streamPosition - 1
    )
      state = known;
    else return undefined;
    for (const event of events as unknown as PendingEvent<BookingEvent>[]) {
      if (event.data.bookingId !== first.data.bookingId) return undefined;
      state = evolve(state, event);
    }
    const last = events[events.length - 1];
    const values = valuesOf(state!, last.metadata.occurredAt);
    return [
      UPSERT(
        `SELECT ${values.map((value, i) => `${param(value)}::${COLUMNS[i][1]}`).join(', ')} FROM ${append.claimed}`,
      ),
    ];
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
