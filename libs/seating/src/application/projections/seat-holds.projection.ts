import { Injectable } from '@nestjs/common';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '@app/event-store';
import {
  SEAT_ALLOCATION_EVENT_TYPES,
  BookedSeatsReleased,
  SeatAllocationEvent,
  SeatsBooked,
  SeatsLocked,
} from '../../domain/seat-allocation.events';

/**
 * Holds per trip, updated with every allocation event. A busy trip appends many events at once,
 * so each kind of change is one set-based statement: new holds, then seats moved out of older
 * holds, then extensions, then ends — the only order in which one append can contain them.
 * Every statement is safe to repeat.
 */
@Injectable()
export class SeatHoldsProjection implements InlineProjection {
  readonly name = 'seat-holds';
  readonly handles = SEAT_ALLOCATION_EVENT_TYPES;

  async apply(events: readonly RecordedEvent[], sql: SqlExecutor): Promise<void> {
    const locked: SeatsLocked['data'][] = [];
    const moves: { lockId: string; seats: string[]; at: string; endsAs: string }[] = [];
    const bookings: { event: SeatsBooked | BookedSeatsReleased; at: string }[] = [];
    const extended: { lockId: string; expiresAt: string }[] = [];
    const ended: { lockId: string; status: 'released' | 'expired'; at: string }[] = [];
    for (const event of events as unknown as RecordedEvent<SeatAllocationEvent>[]) {
      const at = event.metadata.occurredAt;
      switch (event.type) {
        case 'SeatsLocked':
          locked.push(event.data);
          for (const moved of event.data.transferredFrom)
            moves.push({
              lockId: moved.lockId,
              seats: moved.seatNumbers,
              at,
              endsAs: 'transferred',
            });
          break;
        case 'SeatsBooked':
          for (const from of event.data.fromHolds)
            moves.push({ lockId: from.lockId, seats: from.seatNumbers, at, endsAs: 'booked' });
          bookings.push({ event, at });
          break;
        case 'BookedSeatsReleased':
          bookings.push({ event, at });
          break;
        case 'SeatLockExtended':
          extended.push({ lockId: event.data.lockId, expiresAt: event.data.expiresAt });
          break;
        case 'SeatLockReleased':
          ended.push({ lockId: event.data.lockId, status: 'released', at });
          break;
        case 'SeatLockExpired':
          ended.push({ lockId: event.data.lockId, status: 'expired', at });
          break;
      }
    }
    if (locked.length > 0) {
      await sql.query(
        `INSERT INTO seat_holds (lock_id, trip_id, holder_kind, holder_id, seat_numbers, locked_at,
                                 expires_at, max_expires_at)
         SELECT l.lock_id, l.trip_id, l.holder_kind, l.holder_id,
                ARRAY(SELECT jsonb_array_elements_text(l.seats)), l.locked_at, l.expires_at, l.max_expires_at
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[],
                       $7::timestamptz[], $8::timestamptz[])
             AS l(lock_id, trip_id, holder_kind, holder_id, seats, locked_at, expires_at, max_expires_at)
         ON CONFLICT (lock_id) DO NOTHING`,
        [
          locked.map((l) => l.lockId),
          locked.map((l) => l.tripId),
          locked.map((l) => l.holder.kind),
          locked.map((l) => l.holder.id),
          locked.map((l) => JSON.stringify(l.seatNumbers)),
          locked.map((l) => l.lockedAt),
          locked.map((l) => l.expiresAt),
          locked.map((l) => l.maxExpiresAt),
        ],
      );
    }
    // Seats moved into a newer hold of the same holder, or into a booking; a hold left with
    // none has ended.
    for (const move of moves) {
      await sql.query(
        `UPDATE seat_holds
            SET seat_numbers = ARRAY(SELECT unnest(seat_numbers) EXCEPT SELECT unnest($2::text[])),
                status = CASE WHEN seat_numbers <@ $2::text[] THEN $4 ELSE status END,
                ended_at = CASE WHEN seat_numbers <@ $2::text[] THEN $3::timestamptz ELSE ended_at END
          WHERE lock_id = $1 AND status = 'active'`,
        [move.lockId, move.seats, move.at, move.endsAs],
      );
    }
    // In log order: a seat one booking gives back may be taken by another in the same append.
    for (const { event, at } of bookings) {
      if (event.type === 'SeatsBooked') {
        const { rows } = await sql.query<{ taken: number }>(
          `WITH added AS (
             INSERT INTO seat_bookings (trip_id, seat_number, booking_id, booked_at)
             SELECT $1, unnest($2::text[]), $3, $4
             ON CONFLICT (trip_id, seat_number) DO NOTHING
             RETURNING 1)
           SELECT count(*)::int AS taken FROM seat_bookings
            WHERE trip_id = $1 AND seat_number = ANY($2::text[]) AND booking_id <> $3`,
          [event.data.tripId, event.data.seatNumbers, event.data.bookingId, at],
        );
        // The stream never books a seat twice; should it, the append must fail, not hide it.
        if (rows[0].taken > 0) {
          throw new Error(`seats ${event.data.seatNumbers.join(', ')} are booked already`);
        }
      } else {
        await sql.query(
          `DELETE FROM seat_bookings
            WHERE trip_id = $1 AND seat_number = ANY($2::text[]) AND booking_id = $3`,
          [event.data.tripId, event.data.seatNumbers, event.data.bookingId],
        );
      }
    }
    if (extended.length > 0) {
      // The last extension of a hold in this append wins.
      await sql.query(
        `UPDATE seat_holds h SET expires_at = x.expires_at
           FROM (SELECT DISTINCT ON (lock_id) lock_id, expires_at
                   FROM unnest($1::uuid[], $2::timestamptz[]) WITH ORDINALITY AS u(lock_id, expires_at, n)
                  ORDER BY lock_id, n DESC) x
          WHERE h.lock_id = x.lock_id AND h.status = 'active'`,
        [extended.map((e) => e.lockId), extended.map((e) => e.expiresAt)],
      );
    }
    if (ended.length > 0) {
      await sql.query(
        `UPDATE seat_holds h SET status = x.status, ended_at = x.ended_at
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS x(lock_id, status, ended_at)
          WHERE h.lock_id = x.lock_id AND h.status = 'active'`,
        [ended.map((e) => e.lockId), ended.map((e) => e.status), ended.map((e) => e.at)],
      );
    }
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE seat_holds, seat_bookings');
  }
}
