import { Injectable } from '@nestjs/common';
import type {
  AppendCtes,
  InlineProjection,
  PendingEvent,
  RecordedEvent,
  SqlExecutor,
} from '@app/event-store';
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

/** Whether one append's changes can be written by one set of statements sharing a snapshot. */
function writableAtOnce({ locked, moves, bookings, extended, ended }: HoldChanges): boolean {
  // No hold touched twice, none touched in the append that creates it, and at most one booking
  // booking or giving back seats (bookings append on their own).
  const touched = [...moves, ...extended, ...ended].map((c) => c.lockId);
  const created = new Set(locked.map((l) => l.lockId));
  return (
    bookings.length <= 1 &&
    new Set(touched).size === touched.length &&
    !touched.some((id) => created.has(id))
  );
}

/**
 * The read model's changes, defined once: statements over the appended events as rows
 * `inserted(type, data, metadata)`. Folded into the append, `inserted` is the append's own
 * insert; applied on their own (a rebuild, or an append that cannot fold), the events are bound
 * as one JSON parameter (BOUND_EVENTS). No two statements touch the same row: run as the CTEs
 * of one statement they share one snapshot.
 */
function statementsFor(
  { locked, moves, bookings, extended, ended }: HoldChanges,
  inserted = 'inserted',
): string[] {
  const statements: string[] = [];
  if (locked.length > 0) {
    statements.push(
      `INSERT INTO seat_holds (lock_id, trip_id, holder_kind, holder_id, seat_numbers, locked_at,
                               expires_at, max_expires_at)
       SELECT (i.data->>'lockId')::uuid, (i.data->>'tripId')::uuid, i.data->'holder'->>'kind',
              i.data->'holder'->>'id', ARRAY(SELECT jsonb_array_elements_text(i.data->'seatNumbers')),
              (i.data->>'lockedAt')::timestamptz, (i.data->>'expiresAt')::timestamptz,
              (i.data->>'maxExpiresAt')::timestamptz
         FROM ${inserted} i WHERE i.type = 'SeatsLocked'
       ON CONFLICT (lock_id) DO NOTHING`,
    );
  }
  if (moves.length > 0) {
    // Seats moved into a newer hold of the same holder, or into a booking; a hold left with
    // none has ended.
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
                 FROM ${inserted} i,
                      jsonb_array_elements(CASE i.type WHEN 'SeatsBooked' THEN i.data->'fromHolds'
                                                       ELSE i.data->'transferredFrom' END) f
                WHERE i.type IN ('SeatsLocked', 'SeatsBooked')) m
        WHERE h.lock_id = m.lock_id AND h.status = 'active'`,
    );
  }
  const [booking] = bookings;
  if (booking?.event.type === 'SeatsBooked') {
    // Booking a seat again for the same booking changes nothing; a seat another booking owns
    // fails the whole append (booking_id set to NULL breaks NOT NULL): never hidden.
    statements.push(
      `INSERT INTO seat_bookings (trip_id, seat_number, booking_id, booked_at)
       SELECT (i.data->>'tripId')::uuid, jsonb_array_elements_text(i.data->'seatNumbers'),
              (i.data->>'bookingId')::uuid, (i.metadata->>'occurredAt')::timestamptz
         FROM ${inserted} i WHERE i.type = 'SeatsBooked'
       ON CONFLICT (trip_id, seat_number) DO UPDATE
          SET booking_id = CASE WHEN seat_bookings.booking_id = EXCLUDED.booking_id
                                THEN seat_bookings.booking_id END`,
    );
  } else if (booking) {
    statements.push(
      `DELETE FROM seat_bookings b USING ${inserted} i
        WHERE i.type = 'BookedSeatsReleased' AND b.trip_id = (i.data->>'tripId')::uuid
          AND b.seat_number IN (SELECT jsonb_array_elements_text(i.data->'seatNumbers'))
          AND b.booking_id = (i.data->>'bookingId')::uuid`,
    );
  }
  if (extended.length > 0) {
    statements.push(
      `UPDATE seat_holds h SET expires_at = (i.data->>'expiresAt')::timestamptz
         FROM ${inserted} i
        WHERE i.type = 'SeatLockExtended' AND h.lock_id = (i.data->>'lockId')::uuid
          AND h.status = 'active'`,
    );
  }
  if (ended.length > 0) {
    statements.push(
      `UPDATE seat_holds h
          SET status = CASE i.type WHEN 'SeatLockExpired' THEN 'expired' ELSE 'released' END,
              ended_at = (i.metadata->>'occurredAt')::timestamptz
         FROM ${inserted} i
        WHERE i.type IN ('SeatLockReleased', 'SeatLockExpired')
          AND h.lock_id = (i.data->>'lockId')::uuid AND h.status = 'active'`,
    );
  }
  return statements;
}

/** `inserted` for statements run on their own: the events bound as a JSON array ($1). */
const BOUND_EVENTS = `WITH inserted AS (
  SELECT e->>'type' AS type, e->'data' AS data, e->'metadata' AS metadata
    FROM jsonb_array_elements($1::jsonb) AS e)`;

/** The events cut, in log order, into the longest runs each writable at once. */
function runsWritableAtOnce(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  let run: RecordedEvent[] = [];
  for (const event of events) {
    if (run.length > 0 && !writableAtOnce(changesOf([...run, event]))) {
      runs.push(run);
      run = [];
    }
    run.push(event);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Holds per trip, and the seats bookings own, updated with every allocation event. A busy trip
 * appends many events at once, so each kind of change is one set-based statement: new holds,
 * then seats moved out of older holds, bookings, extensions, then ends. Safe to repeat.
 */
@Injectable()
export class SeatHoldsProjection implements InlineProjection {
  readonly name = 'seat-holds';
  readonly handles = SEAT_ALLOCATION_EVENT_TYPES;

  /** Folded into the append's statement whenever its events are writable at once (the usual case). */
  fold(
    events: readonly PendingEvent[],
    _param: unknown,
    _knownState: unknown,
    append: AppendCtes,
  ): string[] | undefined {
    const changes = changesOf(events);
    return writableAtOnce(changes) ? statementsFor(changes, append.inserted) : undefined;
  }

  /** The same statements, run per run of events writable at once, in log order. */
  async apply(events: readonly RecordedEvent[], sql: SqlExecutor): Promise<void> {
    for (const run of runsWritableAtOnce(events)) {
      const bound = JSON.stringify(
        run.map(({ type, data, metadata }) => ({ type, data, metadata })),
      );
      for (const statement of statementsFor(changesOf(run))) {
        await sql.query(`${BOUND_EVENTS}\n${statement}`, [bound]);
      }
    }
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE seat_holds, seat_bookings');
  }
}
