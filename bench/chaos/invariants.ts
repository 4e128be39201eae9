import { Pool } from 'pg';
import type { Outcomes } from './workload';

export interface Check {
  invariant: string;
  checked: number;
  violations: string[];
}

interface EventRow {
  stream_id: string;
  stream_position: number;
  type: string;
  data: any;
  occurred_at: string;
}

type SeatOwner =
  | { kind: 'held'; lockId: string; holder: string; expiresAt: number }
  | { kind: 'booked'; bookingId: string };

const holderKey = (h: { kind: string; id: string }) => `${h.kind}:${h.id}`;

/**
 * Replays every trip's allocation stream and reports each moment a seat had two parties: a hold
 * or a booking taking a seat that another holder held, unexpired, or that another booking had.
 * Returns the violations and what was left at the end (holds not ended, seats booked).
 */
export function replayAllocations(events: EventRow[]) {
  const violations: string[] = [];
  const trips = new Map<string, Map<string, SeatOwner>>();
  const openHolds = new Map<string, { tripId: string; expiresAt: number; seats: Set<string> }>();
  let checked = 0;
  for (const event of events) {
    const d = event.data;
    const seats = trips.get(d.tripId) ?? new Map<string, SeatOwner>();
    trips.set(d.tripId, seats);
    const at = new Date(event.occurred_at).getTime();
    const taken = (seat: string, by: string, mayTake: (owner: SeatOwner) => boolean) => {
      checked++;
      const owner = seats.get(seat);
      if (owner && !mayTake(owner)) {
        violations.push(
          `${event.stream_id}#${event.stream_position} ${event.type}: seat ${seat} taken by ${by} while ${owner.kind === 'held' ? `hold ${owner.lockId}` : `booking ${owner.bookingId}`} had it`,
        );
      }
    };
    const endHold = (lockId: string, only?: string[]) => {
      const hold = openHolds.get(lockId);
      if (!hold) return;
      for (const seat of only ?? [...hold.seats]) {
        hold.seats.delete(seat);
        const owner = seats.get(seat);
        if (owner?.kind === 'held' && owner.lockId === lockId) seats.delete(seat);
      }
      if (hold.seats.size === 0) openHolds.delete(lockId);
    };
    switch (event.type) {
      case 'SeatsLocked': {
        const holder = holderKey(d.holder);
        for (const moved of d.transferredFrom) endHold(moved.lockId, moved.seatNumbers);
        const now = new Date(d.lockedAt).getTime();
        for (const seat of d.seatNumbers) {
          taken(
            seat,
            `hold ${d.lockId}`,
            (o) => o.kind === 'held' && (o.holder === holder || o.expiresAt <= now),
          );
          const previous = seats.get(seat);
          if (previous?.kind === 'held') endHold(previous.lockId, [seat]);
        }
        const expiresAt = new Date(d.expiresAt).getTime();
        for (const seat of d.seatNumbers) {
          seats.set(seat, { kind: 'held', lockId: d.lockId, holder, expiresAt });
        }
        openHolds.set(d.lockId, { tripId: d.tripId, expiresAt, seats: new Set(d.seatNumbers) });
        break;
      }
      case 'SeatLockExtended': {
        const hold = openHolds.get(d.lockId);
        if (!hold) break;
        hold.expiresAt = new Date(d.expiresAt).getTime();
        for (const seat of hold.seats) {
          const owner = seats.get(seat);
          if (owner?.kind === 'held' && owner.lockId === d.lockId) owner.expiresAt = hold.expiresAt;
        }
        break;
      }
      case 'SeatLockReleased':
      case 'SeatLockExpired':
        endHold(d.lockId);
        break;
      case 'SeatsBooked': {
        const holder = holderKey(d.holder);
        const fromHold = new Map<string, string>();
        for (const from of d.fromHolds) {
          for (const seat of from.seatNumbers) fromHold.set(seat, from.lockId);
        }
        for (const seat of d.seatNumbers) {
          taken(
            seat,
            `booking ${d.bookingId}`,
            (o) =>
              (o.kind === 'held' && (o.holder === holder || o.expiresAt <= at)) ||
              (o.kind === 'booked' && o.bookingId === d.bookingId),
          );
          const previous = seats.get(seat);
          if (previous?.kind === 'held') endHold(previous.lockId, [seat]);
          seats.set(seat, { kind: 'booked', bookingId: d.bookingId });
        }
        for (const [seat, lockId] of fromHold) endHold(lockId, [seat]);
        break;
      }
      case 'BookedSeatsReleased':
        for (const seat of d.seatNumbers) {
          const owner = seats.get(seat);
          if (owner?.kind === 'booked' && owner.bookingId === d.bookingId) seats.delete(seat);
          else
            violations.push(
              `${event.stream_id}#${event.stream_position}: ${d.bookingId} released ${seat} it did not have`,
            );
        }
        break;
    }
  }
  return { checked, violations, trips, openHolds };
}

/** Checks the promises the clients were given and the state left, once the cluster is quiet. */
export async function checkInvariants(
  db: Pool,
  outcomes: Outcomes,
  mail: Map<string, number>,
  graceMs: number,
): Promise<Check[]> {
  const { rows: events } = await db.query<EventRow>(
    `SELECT stream_id, stream_position, type, data, metadata->>'occurredAt' AS occurred_at
       FROM events
      WHERE stream_id LIKE 'seat-allocation-%' OR stream_id LIKE 'booking-%'
      ORDER BY global_position`,
  );
  const allocation = events.filter((e) => e.stream_id.startsWith('seat-allocation-'));
  const replay = replayAllocations(allocation);
  const checks: Check[] = [
    {
      invariant: 'no seat held or booked by two parties at any moment (event log)',
      checked: replay.checked,
      violations: replay.violations,
    },
  ];

  // Every hold and booking a client was told about is in the log.
  const lockIds = new Set(
    allocation.filter((e) => e.type === 'SeatsLocked').map((e) => e.data.lockId),
  );
  checks.push({
    invariant: 'every hold that got a 201 is in the event log',
    checked: outcomes.locks.size,
    violations: [...outcomes.locks.keys()]
      .filter((id) => !lockIds.has(id))
      .map((id) => `hold ${id} missing`),
  });
  const bookingEvents = new Map<string, EventRow[]>();
  for (const e of events) {
    if (!e.stream_id.startsWith('booking-')) continue;
    const id = e.stream_id.slice('booking-'.length);
    bookingEvents.set(id, [...(bookingEvents.get(id) ?? []), e]);
  }
  const { rows: readModel } = await db.query<{
    id: string;
    status: string;
    seat_numbers: string[];
    trip_id: string;
    expires_at: Date;
    ticket_mail_due_at: Date | null;
  }>('SELECT id, status, seat_numbers, trip_id, expires_at, ticket_mail_due_at FROM bookings');
  const rows = new Map(readModel.map((r) => [r.id, r]));
  const promised: string[] = [];
  for (const [id, told] of outcomes.bookings) {
    const log = bookingEvents.get(id) ?? [];
    const row = rows.get(id);
    if (!log.some((e) => e.type === 'BookingCreated') || !row)
      promised.push(`booking ${id} missing`);
    if (told.confirmed && !log.some((e) => e.type === 'BookingConfirmed')) {
      promised.push(`booking ${id} confirmed (200) but no BookingConfirmed`);
    }
    if (told.cancelled && row?.status !== 'cancelled') {
      promised.push(`booking ${id} cancelled (200) but ${row?.status}`);
    }
    if (told.confirmed && !told.cancelRequested && row?.status !== 'confirmed') {
      promised.push(`booking ${id} confirmed (200), never cancelled, but ${row?.status}`);
    }
  }
  checks.push({
    invariant: 'every booking that got a 2xx exists, in the state it was answered',
    checked: outcomes.bookings.size,
    violations: promised,
  });

  // Seats booked in the trips' allocations are exactly the live bookings' seats.
  const booked = new Map<string, string>();
  for (const [tripId, seats] of replay.trips) {
    for (const [seat, owner] of seats) {
      if (owner.kind === 'booked') booked.set(`${tripId}/${seat}`, owner.bookingId);
    }
  }
  const live = new Map<string, string>();
  for (const row of readModel) {
    if (row.status !== 'pending' && row.status !== 'confirmed') continue;
    for (const seat of row.seat_numbers) live.set(`${row.trip_id}/${seat}`, row.id);
  }
  const mismatched: string[] = [];
  for (const [seat, bookingId] of booked) {
    if (live.get(seat) !== bookingId)
      mismatched.push(`${seat} booked for ${bookingId}, live: ${live.get(seat)}`);
  }
  for (const [seat, bookingId] of live) {
    if (!booked.has(seat)) mismatched.push(`${seat} of live booking ${bookingId} not booked`);
  }
  const { rows: seatRows } = await db.query<{
    trip_id: string;
    seat_number: string;
    booking_id: string;
  }>('SELECT trip_id, seat_number, booking_id FROM seat_bookings');
  for (const r of seatRows) {
    if (booked.get(`${r.trip_id}/${r.seat_number}`) !== r.booking_id) {
      mismatched.push(
        `seat_bookings ${r.trip_id}/${r.seat_number} → ${r.booking_id} not in the log`,
      );
    }
  }
  if (seatRows.length !== booked.size)
    mismatched.push(`seat_bookings has ${seatRows.length} rows, the log ${booked.size}`);
  checks.push({
    invariant: "seats booked = the live bookings' seats (log, bookings, seat_bookings)",
    checked: booked.size + live.size + seatRows.length,
    violations: mismatched,
  });

  // Mail: every booking confirmed and still confirmed got its e-ticket — the confirmation's
  // mail, or an updated one when a change came first (the confirmation's is then not sent
  // again); duplicates carry the delivery's Message-ID, so a mail client recognises them.
  const mailViolations: string[] = [];
  let owed = 0;
  for (const row of readModel) {
    if (row.status !== 'confirmed') continue;
    owed++;
    const received = [...mail.entries()].find(([messageId]) =>
      messageId.startsWith(`<ticket.${row.id}.`),
    );
    if (!received) mailViolations.push(`booking ${row.id}: no e-ticket mail received`);
    if (row.ticket_mail_due_at) mailViolations.push(`booking ${row.id}: mail still owed`);
  }
  checks.push({
    invariant:
      'every confirmed booking mailed at least once, duplicates recognisable (same Message-ID)',
    checked: owed,
    violations: mailViolations,
  });

  // Nothing left past its expiry.
  const now = Date.now();
  const late: string[] = [];
  for (const [lockId, hold] of replay.openHolds) {
    if (hold.expiresAt < now - graceMs)
      late.push(`hold ${lockId} active in the log past its expiry`);
  }
  const { rows: lateHolds } = await db.query<{ lock_id: string }>(
    `SELECT lock_id FROM seat_holds WHERE status = 'active' AND expires_at < now() - $1 * interval '1 millisecond'`,
    [graceMs],
  );
  for (const h of lateHolds) late.push(`hold ${h.lock_id} active in seat_holds past its expiry`);
  for (const row of readModel) {
    if (row.status === 'pending' && row.expires_at.getTime() < now - graceMs) {
      late.push(`booking ${row.id} pending past its expiry`);
    }
  }
  checks.push({
    invariant: 'no hold or pending booking left past its expiry',
    checked: replay.openHolds.size + readModel.length,
    violations: late,
  });
  return checks;
}

/** The read models as sorted text, for comparing with a rebuild from the log. */
export async function snapshotReadModels(db: Pool): Promise<Map<string, string[]>> {
  const tables: Record<string, string> = {
    bookings: 'SELECT to_jsonb(b) AS row FROM bookings b ORDER BY id',
    seat_holds: 'SELECT to_jsonb(h) AS row FROM seat_holds h ORDER BY lock_id',
    seat_bookings: 'SELECT to_jsonb(s) AS row FROM seat_bookings s ORDER BY trip_id, seat_number',
    trips: 'SELECT to_jsonb(t) AS row FROM trips t ORDER BY id',
    buses: 'SELECT to_jsonb(b) AS row FROM buses b ORDER BY id',
  };
  const snapshot = new Map<string, string[]>();
  for (const [table, sql] of Object.entries(tables)) {
    const { rows } = await db.query<{ row: unknown }>(sql);
    snapshot.set(
      table,
      rows.map((r) => JSON.stringify(r.row)),
    );
  }
  return snapshot;
}

export function compareSnapshots(
  before: Map<string, string[]>,
  after: Map<string, string[]>,
): Check {
  const violations: string[] = [];
  let checked = 0;
  for (const [table, rows] of before) {
    const rebuilt = new Set(after.get(table) ?? []);
    checked += rows.length;
    const differing = rows.filter((r) => !rebuilt.has(r));
    if (differing.length > 0 || rebuilt.size !== rows.length) {
      violations.push(
        `${table}: ${differing.length} of ${rows.length} rows differ from the rebuild (${rebuilt.size} rebuilt); first: ${differing[0]?.slice(0, 300)}`,
      );
    }
  }
  return { invariant: 'read models equal a rebuild from the event log', checked, violations };
}
