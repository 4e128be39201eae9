import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL, PostgresEventStore, RecordedEvent } from '@app/event-store';
import {
  BookingEvent,
  BookingOwner,
  BookingStatus,
  bookingStreamId,
} from '../domain/booking.events';
import { Booking, evolve } from '../domain/booking.state';

export interface BookingListFilter {
  status?: 'upcoming' | BookingStatus;
  from?: Date;
  to?: Date;
  /** Part of a reference, normalized (uppercase, no spaces or hyphens). */
  q?: string;
  sort: 'departureAt' | 'createdAt' | 'status' | 'reference';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORT_COLUMNS = {
  departureAt: 'departure_at',
  createdAt: 'created_at',
  status: 'status',
  reference: 'reference',
} as const;

export interface BookingStats {
  totalBookings: number;
  totalSeats: number;
  amountSpent: { amount: number; currency: string };
  byStatus: Record<BookingStatus, number>;
}

@Injectable()
export class BookingRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly eventStore: PostgresEventStore,
  ) {}

  /** The booking as its stream says (what deciders work on), or null. */
  async load(bookingId: string): Promise<Booking | null> {
    const events = await this.eventStore.readStream(bookingStreamId(bookingId));
    return (events as unknown as RecordedEvent<BookingEvent>[]).reduce<Booking | null>(
      evolve,
      null,
    );
  }

  async history(bookingId: string): Promise<RecordedEvent<BookingEvent>[]> {
    return (await this.eventStore.readStream(
      bookingStreamId(bookingId),
    )) as unknown as RecordedEvent<BookingEvent>[];
  }

  /** The read model's copy (reads its own writes: it is updated in the append's transaction). */
  async find(bookingId: string): Promise<Booking | null> {
    const { rows } = await this.pool.query<{ document: Booking }>(
      'SELECT document FROM bookings WHERE id = $1',
      [bookingId],
    );
    return rows[0]?.document ?? null;
  }

  async findByReference(reference: string): Promise<Booking | null> {
    const { rows } = await this.pool.query<{ document: Booking }>(
      'SELECT document FROM bookings WHERE reference = $1',
      [reference],
    );
    return rows[0]?.document ?? null;
  }

  async list(
    owner: BookingOwner,
    filter: BookingListFilter,
    now: Date,
  ): Promise<{ items: Booking[]; total: number }> {
    const where = ['owner_kind = $1', 'owner_id = $2'];
    const params: unknown[] = [owner.kind, owner.id];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status === 'upcoming') {
      where.push(`status = 'confirmed'`, `departure_at > ${param(now)}`);
    } else if (filter.status) {
      where.push(`status = ${param(filter.status)}`);
    }
    if (filter.from) where.push(`departure_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`departure_at < ${param(filter.to)}`);
    if (filter.q) where.push(`reference LIKE ${param(`%${filter.q.replace(/[%_\\]/g, '\\$&')}%`)}`);
    const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
    const order = `${SORT_COLUMNS[filter.sort]} ${direction}, id ${direction}`;
    const filterParams = [...params];
    // The page is chosen from the index (an index-only scan, however deep), then only its rows
    // are read; the total is counted from the index too.
    const [{ rows }, counted] = await Promise.all([
      this.pool.query<{ document: Booking }>(
        `WITH page AS (
           SELECT id, ${SORT_COLUMNS[filter.sort]} FROM bookings
            WHERE ${where.join(' AND ')}
            ORDER BY ${order}
            LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)})
         SELECT b.document FROM page JOIN bookings b USING (id) ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 'page.$1 $2')}`,
        params,
      ),
      this.pool.query<{ total: string }>(
        `SELECT count(*) AS total FROM bookings WHERE ${where.join(' AND ')}`,
        filterParams,
      ),
    ]);
    const total = Number(counted.rows[0].total);
    return { items: rows.map((r) => r.document), total };
  }

  async stats(owner: BookingOwner): Promise<BookingStats> {
    const { rows } = await this.pool.query<{
      status: BookingStatus;
      bookings: string;
      seats: string;
      spent: string;
      currency: string;
    }>(
      `SELECT status, count(*) AS bookings, sum(cardinality(seat_numbers)) AS seats,
              -- What was paid (passengers cancelled since cost less now), less every refund.
              sum(CASE WHEN payment_status <> 'pending'
                       THEN coalesce((document #>> '{payment,amount,amount}')::bigint, total_amount)
                            - refund_amount
                       ELSE 0 END) AS spent,
              min(currency) AS currency
         FROM bookings WHERE owner_kind = $1 AND owner_id = $2 GROUP BY status`,
      [owner.kind, owner.id],
    );
    const byStatus: Record<BookingStatus, number> = {
      pending: 0,
      confirmed: 0,
      completed: 0,
      cancelled: 0,
    };
    let totalSeats = 0;
    let spent = 0;
    for (const row of rows) {
      byStatus[row.status] = Number(row.bookings);
      if (row.status !== 'cancelled') totalSeats += Number(row.seats);
      spent += Number(row.spent);
    }
    return {
      totalBookings: rows.reduce((sum, r) => sum + Number(r.bookings), 0),
      totalSeats,
      amountSpent: { amount: spent, currency: rows[0]?.currency ?? 'VND' },
      byStatus,
    };
  }

  /** Pending bookings whose payment window has closed, oldest first. */
  async overdue(now: Date, limit: number): Promise<{ bookingId: string }[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM bookings WHERE status = 'pending' AND expires_at <= $1
        ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ bookingId: r.id }));
  }

  /** Confirmed bookings whose e-ticket mail is owed since between `from` and `to`, oldest first. */
  async ticketMailsDue(from: Date, to: Date, limit: number): Promise<{ bookingId: string }[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM bookings
        WHERE ticket_mail_due_at >= $1 AND ticket_mail_due_at <= $2 AND status = 'confirmed'
        ORDER BY ticket_mail_due_at LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({ bookingId: r.id }));
  }

  /** A trip's paid bookings (confirmed, or completed on arrival): who travels. */
  async travellingOnTrip(tripId: string): Promise<Booking[]> {
    const { rows } = await this.pool.query<{ document: Booking }>(
      `SELECT document FROM bookings WHERE trip_id = $1 AND status IN ('confirmed', 'completed')`,
      [tripId],
    );
    return rows.map((r) => r.document);
  }

  /** A trip's bookings still pending or confirmed, oldest first. */
  async liveOfTrip(tripId: string): Promise<{ bookingId: string }[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM bookings WHERE trip_id = $1 AND status IN ('pending', 'confirmed')
        ORDER BY created_at, id`,
      [tripId],
    );
    return rows.map((r) => ({ bookingId: r.id }));
  }

  /** Confirmed bookings whose trip has arrived. */
  async arrived(now: Date, limit: number): Promise<{ bookingId: string }[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM bookings WHERE status = 'confirmed' AND arrival_at <= $1
        ORDER BY arrival_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ bookingId: r.id }));
  }
}
