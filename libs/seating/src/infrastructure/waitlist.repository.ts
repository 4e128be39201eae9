import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import type { SeatType } from '../domain/catalog.types';
import type { Holder } from '../domain/seat-allocation.events';

export interface WaitlistEntryRecord {
  entryId: string;
  tripId: string;
  holder: Holder;
  seats: number;
  seatType?: SeatType;
  contactEmail: string;
  contactEmailMasked: string;
  status: 'waiting' | 'offered' | 'left';
  joinedAt: string;
  /** Waiting: 1 + the parties before it. */
  position?: number;
  offer?: {
    lockId: string;
    seatNumbers: string[];
    expiresAt: string;
    /** The offer's hold now: active, booked, expired, released (or transferred). */
    holdStatus: string;
  };
}

interface EntryRow {
  entry_id: string;
  trip_id: string;
  holder_kind: Holder['kind'];
  holder_id: string;
  seats: number;
  seat_type: SeatType | null;
  contact_email: string;
  contact_email_masked: string;
  status: WaitlistEntryRecord['status'];
  joined_at: Date;
  offer_lock_id: string | null;
  offer_seat_numbers: string[] | null;
  offer_expires_at: Date | null;
  hold_status: string | null;
  position: string | null;
}

const SELECT_ENTRY = `
  SELECT w.*, h.status AS hold_status,
         CASE WHEN w.status = 'waiting' THEN
           (SELECT count(*) FROM waitlist_entries o
             WHERE o.trip_id = w.trip_id AND o.status = 'waiting' AND o.position <= w.position)
         END AS position
    FROM waitlist_entries w
    LEFT JOIN seat_holds h ON h.lock_id = w.offer_lock_id`;

const toRecord = (row: EntryRow): WaitlistEntryRecord => ({
  entryId: row.entry_id,
  tripId: row.trip_id,
  holder: { kind: row.holder_kind, id: row.holder_id },
  seats: row.seats,
  ...(row.seat_type ? { seatType: row.seat_type } : {}),
  contactEmail: row.contact_email,
  contactEmailMasked: row.contact_email_masked,
  status: row.status,
  joinedAt: row.joined_at.toISOString(),
  ...(row.position !== null ? { position: Number(row.position) } : {}),
  ...(row.offer_lock_id
    ? {
        offer: {
          lockId: row.offer_lock_id,
          seatNumbers: row.offer_seat_numbers ?? [],
          expiresAt: row.offer_expires_at!.toISOString(),
          holdStatus: row.hold_status ?? 'active',
        },
      }
    : {}),
});

/** Reads of the waiting lists' read model (kept by the inline waitlist projection). */
@Injectable()
export class WaitlistRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The holder's latest entry on the trip's list, in any state. */
  async latestOf(tripId: string, holder: Holder): Promise<WaitlistEntryRecord | null> {
    const { rows } = await this.pool.query<EntryRow>(
      `${SELECT_ENTRY}
        WHERE w.trip_id = $1 AND w.holder_kind = $2 AND w.holder_id = $3
        ORDER BY w.position DESC LIMIT 1`,
      [tripId, holder.kind, holder.id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async find(entryId: string): Promise<WaitlistEntryRecord | null> {
    const { rows } = await this.pool.query<EntryRow>(`${SELECT_ENTRY} WHERE w.entry_id = $1`, [
      entryId,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Parties waiting per trip not yet departed (for the metrics). */
  async waitingByTrip(now: Date): Promise<{ tripId: string; waiting: number }[]> {
    const { rows } = await this.pool.query<{ trip_id: string; waiting: string }>(
      `SELECT w.trip_id, count(*) AS waiting
         FROM waitlist_entries w JOIN trips t ON t.id = w.trip_id
        WHERE w.status = 'waiting' AND t.departure_at > $1
        GROUP BY w.trip_id`,
      [now],
    );
    return rows.map((r) => ({ tripId: r.trip_id, waiting: Number(r.waiting) }));
  }
}
