import { Injectable } from '@nestjs/common';
import type { BookingEvent } from '@app/booking-domain';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '@app/event-store';

const REVOKING = ['PassengerCancelled', 'SeatChanged', 'BookingCancelled'] as const;
const REASONS: Record<(typeof REVOKING)[number], string> = {
  PassengerCancelled: 'passenger_cancelled',
  SeatChanged: 'seat_changed',
  BookingCancelled: 'booking_cancelled',
};

/** The e-tickets each change revoked, by time: what offline scanners fetch. Idempotent. */
@Injectable()
export class TicketRevocationsProjection implements InlineProjection {
  readonly name = 'ticket-revocations';
  readonly handles = REVOKING;

  async apply(events: readonly RecordedEvent[], sql: SqlExecutor): Promise<void> {
    const rows = (events as unknown as RecordedEvent<BookingEvent>[]).flatMap((event) => {
      if (!isRevoking(event)) return [];
      return (event.data.revokedTickets ?? []).map((ticketId) => ({
        ticketId,
        bookingId: event.data.bookingId,
        reason: REASONS[event.type],
        revokedAt: event.metadata.occurredAt,
      }));
    });
    if (rows.length === 0) return;
    await sql.query(
      `INSERT INTO ticket_revocations (ticket_id, booking_id, reason, revoked_at)
       SELECT r."ticketId", r."bookingId"::uuid, r.reason, r."revokedAt"::timestamptz
         FROM json_to_recordset($1::json)
              AS r("ticketId" text, "bookingId" text, reason text, "revokedAt" text)
       ON CONFLICT (ticket_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE ticket_revocations');
  }
}

function isRevoking(
  event: RecordedEvent<BookingEvent>,
): event is RecordedEvent<Extract<BookingEvent, { type: (typeof REVOKING)[number] }>> {
  return (REVOKING as readonly string[]).includes(event.type);
}
