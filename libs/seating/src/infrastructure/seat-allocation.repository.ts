import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import { Holder, seatAllocationStreamId } from '../domain/seat-allocation.events';
import { Hold, SeatAllocation, sameHolder, WaitingParty } from '../domain/seat-allocation.state';
import { SeatingErrors } from '../domain/seating.errors';

export interface HoldRecord extends Hold {
  tripId: string;
  status: 'active' | 'released' | 'expired' | 'transferred' | 'booked';
}

interface HoldRow {
  lock_id: string;
  trip_id: string;
  holder_kind: Holder['kind'];
  holder_id: string;
  seat_numbers: string[];
  locked_at: Date;
  expires_at: Date;
  max_expires_at: Date;
  status: HoldRecord['status'];
}

const toHold = (row: HoldRow): HoldRecord => ({
  lockId: row.lock_id,
  tripId: row.trip_id,
  holder: { kind: row.holder_kind, id: row.holder_id },
  seatNumbers: row.seat_numbers,
  lockedAt: row.locked_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  maxExpiresAt: row.max_expires_at.toISOString(),
  status: row.status,
});

/** Reads of the seat-holds read model, which the inline projection keeps in step with the stream. */
@Injectable()
export class SeatAllocationRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The trip's open holds and booked seats with the stream version they reflect, in one snapshot. */
  async load(tripId: string): Promise<SeatAllocation> {
    const { rows } = await this.pool.query<{
      version: number;
      holds: (Omit<HoldRow, 'locked_at' | 'expires_at' | 'max_expires_at'> & {
        locked_at: string;
        expires_at: string;
        max_expires_at: string;
      })[];
      booked: [string, string][];
      waiting: {
        entry_id: string;
        holder_kind: Holder['kind'];
        holder_id: string;
        seats: number;
        seat_type: WaitingParty['seatType'] | null;
        joined_at: string;
        origin: string | null;
      }[];
      trip: {
        cancelled_at: string | null;
        cancel_reason: string | null;
        departure_at: string;
        arrival_at: string;
        scheduled_departure_at: string | null;
        sales_closed_at: string | null;
        sales_closed_reason: string | null;
      } | null;
    }>(
      `SELECT coalesce((SELECT version FROM streams WHERE stream_id = $1), 0) AS version,
              (SELECT coalesce(json_agg(h), '[]') FROM seat_holds h
                WHERE h.trip_id = $2 AND h.status = 'active') AS holds,
              (SELECT coalesce(json_agg(json_build_array(b.seat_number, b.booking_id)), '[]')
                 FROM seat_bookings b WHERE b.trip_id = $2) AS booked,
              (SELECT coalesce(json_agg(w ORDER BY w.position), '[]') FROM waitlist_entries w
                WHERE w.trip_id = $2 AND w.status = 'waiting') AS waiting,
              -- Written in the same transactions as TripCancelled and TripDelayed.
              (SELECT row_to_json(t) FROM (
                 SELECT cancelled_at, cancel_reason, departure_at, arrival_at,
                        scheduled_departure_at, sales_closed_at, sales_closed_reason
                   FROM trips WHERE id = $2) t) AS trip`,
      [seatAllocationStreamId(tripId), tripId],
    );
    const holds = new Map<string, Hold>();
    for (const row of rows[0].holds) {
      const {
        tripId: _trip,
        status: _status,
        ...hold
      } = toHold({
        ...row,
        locked_at: new Date(row.locked_at),
        expires_at: new Date(row.expires_at),
        max_expires_at: new Date(row.max_expires_at),
      });
      holds.set(hold.lockId, hold);
    }
    const waiting = rows[0].waiting.map((w): WaitingParty => ({
      entryId: w.entry_id,
      holder: { kind: w.holder_kind, id: w.holder_id },
      seats: w.seats,
      joinedAt: new Date(w.joined_at).toISOString(),
      ...(w.seat_type ? { seatType: w.seat_type } : {}),
      ...(w.origin ? { origin: w.origin } : {}),
    }));
    const trip = rows[0].trip;
    const iso = (at: string) => new Date(at).toISOString();
    return {
      tripId,
      version: rows[0].version,
      holds,
      booked: new Map(rows[0].booked),
      waiting,
      ...(trip?.cancelled_at
        ? { cancelled: { reason: trip.cancel_reason ?? '', cancelledAt: iso(trip.cancelled_at) } }
        : {}),
      ...(trip?.sales_closed_at
        ? {
            salesClosed: {
              closedAt: iso(trip.sales_closed_at),
              ...(trip.sales_closed_reason ? { reason: trip.sales_closed_reason } : {}),
            },
          }
        : {}),
      ...(trip?.scheduled_departure_at
        ? {
            schedule: {
              departureAt: iso(trip.departure_at),
              arrivalAt: iso(trip.arrival_at),
              scheduledDepartureAt: iso(trip.scheduled_departure_at),
            },
          }
        : {}),
    };
  }

  async findHold(lockId: string): Promise<HoldRecord | null> {
    const { rows } = await this.pool.query<HoldRow>('SELECT * FROM seat_holds WHERE lock_id = $1', [
      lockId,
    ]);
    return rows[0] ? toHold(rows[0]) : null;
  }

  /** The holder's hold, in any state; someone else's is reported as not found, never revealed. */
  async findHoldOf(lockId: string, holder: Holder): Promise<HoldRecord> {
    const hold = await this.findHold(lockId);
    if (!hold || !sameHolder(hold.holder, holder)) throw SeatingErrors.lockNotFound(lockId);
    return hold;
  }

  /** Holds whose time has passed but whose expiry is not recorded yet, oldest first. */
  async overdueHolds(now: Date, limit: number): Promise<{ lockId: string; tripId: string }[]> {
    const { rows } = await this.pool.query<{ lock_id: string; trip_id: string }>(
      `SELECT lock_id, trip_id FROM seat_holds
        WHERE status = 'active' AND expires_at <= $1
        ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ lockId: r.lock_id, tripId: r.trip_id }));
  }
}
