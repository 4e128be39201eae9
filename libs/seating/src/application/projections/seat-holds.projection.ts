import { Injectable } from '@nestjs/common';
import type { InlineProjection, PendingEvent, RecordedEvent, SqlExecutor } from '@app/event-store';
import {
  SEAT_ALLOCATION_EVENT_TYPES,
  BookedSeatsReleased,
  SeatAllocationEvent,
  SeatsBooked,
  SeatsLocked,
} from '../../domain/seat-allocation.events';

interface HoldChanges {
  locked: SeatsLocked['data'][];
  moves: { lockId: string; seats: string[]; at: string; endsAs: string }[];
  bookings: { event: SeatsBooked | BookedSeatsReleased; at: string }[];
  extended: { lockId: string; expiresAt: string }[];
  ended: { lockId: string; status: 'released' | 'expired'; at: string }[];
}

function changesOf(
  events: readonly { type: string; data: unknown; metadata: { occurredAt: string } }[],
): HoldChanges {
  const changes: HoldChanges = { locked: [], moves: [], bookings: [], extended: [], ended: [] };
  for (const event of events as unknown as RecordedEvent<SeatAllocationEvent>[]) {
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'SeatsLocked':
        changes.locked.push(event.data);
        for (const moved of event.data.transferredFrom)
          changes.moves.push({
            lockId: moved.lockId,
            seats: moved.seatNumbers,
            at,
            endsAs: 'transferred',
          });
        break;
      case 'SeatsBooked':
        for (const from of event.data.fromHolds)
          changes.moves.push({
            lockId: from.lockId,
            seats: from.seatNumbers,
            at,
            endsAs: 'booked',
          });
        changes.bookings.push({ event, at });
        break;
      case 'BookedSeatsReleased':
        changes.bookings.push({ event, at });
        break;
      case 'SeatLockExtended':
        changes.extended.push({ lockId: event.data.lockId, expiresAt: event.data.expiresAt });
        break;
      case 'SeatLockReleased':
        changes.ended.push({ lockId: event.data.lockId, status: 'released', at });
        break;
      case 'SeatLockExpired':
        changes.ended.push({ lockId: event.data.lockId, status: 'expired', at });
        break;
    }
  }
  return changes;
}

/** New holds, from rows `l` of the FROM clause given (bound arrays, or the appended events). */
const INSERT_HOLDS = (from: string) =>
  `INSERT INTO seat_holds (lock_id, trip_id, holder_kind, holder_id, seat_numbers, locked_at,
                           expires_at, max_expires_at)
   SELECT l.lock_id, l.trip_id, l.holder_kind, l.holder_id,
          ARRAY(SELECT jsonb_array_elements_text(l.seats)), l.locked_at, l.expires_at, l.max_expires_at
     FROM ${from}
   ON CONFLICT (lock_id) DO NOTHING`;

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
    const { locked, moves, bookings, extended, ended } = changesOf(events);
    if (locked.length > 0) {
      await sql.query(
        INSERT_HOLDS(`unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[],
                             $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
          AS l(lock_id, trip_id, holder_kind, holder_id, seats, locked_at, expires_at, max_expires_at)`),
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

  /**
   * Folded into the append when the holds it touches are all distinct and none is new in the
   * same append (the usual case: a client learns a lock id only once its lock has committed),
   * and at most one booking books or gives back seats (bookings append on their own). The
   * statements read the events from the append's own `inserted` rows: nothing is sent twice.
   */
  fold(events: readonly PendingEvent[]): string[] | undefined {
    const { locked, moves, bookings, extended, ended } = changesOf(events);
    if (bookings.length > 1) return undefined;
    const touched = [...moves, ...extended, ...ended].map((c) => c.lockId);
    const created = new Set(locked.map((l) => l.lockId));
    if (new Set(touched).size !== touched.length || touched.some((id) => created.has(id)))
      return undefined;
    const statements: string[] = [];
    if (locked.length > 0) {
      statements.push(
        INSERT_HOLDS(`inserted i,
          LATERAL (SELECT (i.data->>'lockId')::uuid, (i.data->>'tripId')::uuid,
                          i.data->'holder'->>'kind', i.data->'holder'->>'id', i.data->'seatNumbers',
                          (i.data->>'lockedAt')::timestamptz, (i.data->>'expiresAt')::timestamptz,
                          (i.data->>'maxExpiresAt')::timestamptz)
            AS l(lock_id, trip_id, holder_kind, holder_id, seats, locked_at, expires_at, max_expires_at)
          WHERE i.type = 'SeatsLocked'`),
      );
    }
    if (moves.length > 0) {
      statements.push(
        `UPDATE seat_holds h
            SET seat_numbers = ARRAY(SELECT unnest(h.seat_numbers)
                                     EXCEPT SELECT jsonb_array_elements_text(m.seats)),
                status = CASE WHEN h.seat_numbers <@ ARRAY(SELECT jsonb_array_elements_text(m.seats))
                              THEN m.ends_as ELSE h.status END,
                ended_at = CASE WHEN h.seat_numbers <@ ARRAY(SELECT jsonb_array_elements_text(m.seats))
                                THEN m.at ELSE h.ended_at END
           FROM (SELECT (f->>'lockId')::uuid AS lock_id, f->'seatNumbers' AS seats,
                        (i.metadata->>'occurredAt')::timestamptz AS at,
                        CASE i.type WHEN 'SeatsBooked' THEN 'booked' ELSE 'transferred' END AS ends_as
                   FROM inserted i,
                        jsonb_array_elements(CASE i.type WHEN 'SeatsBooked' THEN i.data->'fromHolds'
                                                         ELSE i.data->'transferredFrom' END) f
                  WHERE i.type IN ('SeatsLocked', 'SeatsBooked')) m
          WHERE h.lock_id = m.lock_id AND h.status = 'active'`,
      );
    }
    const [booking] = bookings;
    if (booking?.event.type === 'SeatsBooked') {
      // No ON CONFLICT: a seat booked already (by any booking: bookSeats never books a seat its
      // booking owns) fails the whole append with a unique violation, where apply() throws.
      statements.push(
        `INSERT INTO seat_bookings (trip_id, seat_number, booking_id, booked_at)
         SELECT (i.data->>'tripId')::uuid, jsonb_array_elements_text(i.data->'seatNumbers'),
                (i.data->>'bookingId')::uuid, (i.metadata->>'occurredAt')::timestamptz
           FROM inserted i WHERE i.type = 'SeatsBooked'`,
      );
    } else if (booking) {
      statements.push(
        `DELETE FROM seat_bookings b USING inserted i
          WHERE i.type = 'BookedSeatsReleased' AND b.trip_id = (i.data->>'tripId')::uuid
            AND b.seat_number IN (SELECT jsonb_array_elements_text(i.data->'seatNumbers'))
            AND b.booking_id = (i.data->>'bookingId')::uuid`,
      );
    }
    if (extended.length > 0) {
      statements.push(
        `UPDATE seat_holds h SET expires_at = (i.data->>'expiresAt')::timestamptz
           FROM inserted i
          WHERE i.type = 'SeatLockExtended' AND h.lock_id = (i.data->>'lockId')::uuid
            AND h.status = 'active'`,
      );
    }
    if (ended.length > 0) {
      statements.push(
        `UPDATE seat_holds h
            SET status = CASE i.type WHEN 'SeatLockExpired' THEN 'expired' ELSE 'released' END,
                ended_at = (i.metadata->>'occurredAt')::timestamptz
           FROM inserted i
          WHERE i.type IN ('SeatLockReleased', 'SeatLockExpired')
            AND h.lock_id = (i.data->>'lockId')::uuid AND h.status = 'active'`,
      );
    }
    return statements;
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE seat_holds, seat_bookings');
  }
}
