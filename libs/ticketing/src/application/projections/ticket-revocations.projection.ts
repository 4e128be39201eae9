import { Injectable } from '@nestjs/common';
import type { BookingEvent } from '@app/booking-domain';
import type {
  AppendCtes,
  InlineProjection,
  PendingEvent,
  RecordedEvent,
  SqlExecutor,
} from '@app/event-store';

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
    const rows = revocationsOf(events);
    if (rows.length === 0) return;
    await sql.query(`${insertRevocations('$1')} ON CONFLICT (ticket_id) DO NOTHING`, [
      JSON.stringify(rows),
    ]);
  }

  /** The same insert, in the append's statement (none when nothing was revoked). */
  fold(
    events: readonly PendingEvent[],
    param: (value: unknown) => string,
    _knownState: unknown,
    append: AppendCtes,
  ): string[] {
    const rows = revocationsOf(events);
    if (rows.length === 0) return [];
    return [
      `${insertRevocations(param(JSON.stringify(rows)))}, ${append.claimed}
       ON CONFLICT (ticket_id) DO NOTHING`,
    ];
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE ticket_revocations');
  }
}

const insertRevocations = (
  rows: string,
) => `INSERT INTO ticket_revocations (ticket_id, booking_id, reason, revoked_at)
  SELECT r."ticketId", r."bookingId"::uuid, r.reason, r."revokedAt"::timestamptz
    FROM json_to_recordset(${rows}::json)
         AS r("ticketId" text, "bookingId" text, reason text, "revokedAt" text)`;

/** The tickets the events revoke, by time. */
function revocationsOf(events: readonly (RecordedEvent | PendingEvent)[]) {
  return (events as unknown as RecordedEvent<BookingEvent>[]).flatMap((event) => {
    if (!isRevoking(event)) return [];
    return (event.data.revokedTickets ?? []).map((ticketId) => ({
      ticketId,
      bookingId: event.data.bookingId,
      reason: REASONS[event.type],
      revokedAt: event.metadata.occurredAt,
    }));
  });
}

function isRevoking(
  event: RecordedEvent<BookingEvent>,
): event is RecordedEvent<Extract<BookingEvent, { type: (typeof REVOKING)[number] }>> {
  return (REVOKING as readonly string[]).includes(event.type);
}
