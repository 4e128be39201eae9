import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { Repository } from 'typeorm';
import { PG_POOL } from '@app/event-store';
import { setBounded } from '@app/collections';
import { Bus, Fares, SeatLayout } from '../domain/catalog.types';
import { normalizePlateNumber } from '../domain/catalog.decide';
import { BusRow } from './bus.entity';

export interface TripRecord {
  id: string;
  busId: string;
  busName: string;
  plateNumber: string;
  seats: SeatLayout[];
  seatCount: number;
  origin: string;
  destination: string;
  departureAt: Date;
  arrivalAt: Date;
  fares: Fares;
  maxSeatsPerBooking: number;
  createdAt: Date;
  /** Cancelled by the operator. */
  cancelled?: { reason: string; at: Date };
  /** Delayed by the operator: departureAt/arrivalAt are the new times. */
  delay?: { scheduledDepartureAt: Date; reason: string; at: Date };
  /** Sales closed by the operator. */
  salesClosed?: { reason?: string; at: Date };
}

export type TripSummaryRecord = Omit<TripRecord, 'seats'>;

export interface BusSummary {
  id: string;
  name: string;
  plateNumber: string;
  seatCount: number;
  seats: SeatLayout[];
  createdAt: Date;
}

export interface TripFilter {
  origin?: string;
  destination?: string;
  /** Local calendar date (YYYY-MM-DD) of departure in `timeZone`. */
  date?: string;
  timeZone: string;
  departingAfter?: Date;
  limit: number;
  offset: number;
}

interface TripRow {
  id: string;
  bus_id: string;
  bus_name: string;
  plate_number: string;
  seats?: SeatLayout[];
  seat_count: number;
  origin: string;
  destination: string;
  departure_at: Date;
  arrival_at: Date;
  fares: Fares;
  max_seats_per_booking: number;
  created_at: Date;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  scheduled_departure_at: Date | null;
  delay_reason: string | null;
  delayed_at: Date | null;
  sales_closed_at: Date | null;
  sales_closed_reason: string | null;
  total?: number;
}

// Parameters $1..$5: origin, destination, local date, time zone, departing after.
const TRIP_FILTER = `
  WHERE ($1::text IS NULL OR lower(t.origin) = lower($1))
    AND ($2::text IS NULL OR lower(t.destination) = lower($2))
    AND ($3::date IS NULL OR (t.departure_at AT TIME ZONE $4)::date = $3::date)
    AND ($5::timestamptz IS NULL OR t.departure_at > $5)`;

// $SEATS: the seat layout for one trip, left out of lists.
const TRIP_SELECT = `
  SELECT t.id, t.bus_id, b.name AS bus_name, b.plate_number, $SEATS b.seat_count, t.origin,
         t.destination, t.departure_at, t.arrival_at, t.fares, t.max_seats_per_booking, t.created_at,
         t.cancelled_at, t.cancel_reason, t.scheduled_departure_at, t.delay_reason, t.delayed_at,
         t.sales_closed_at, t.sales_closed_reason
    FROM trips t JOIN buses b ON b.id = t.bus_id`;

const TRIP_CACHE_SIZE = 2000;
const LIST_CACHE_SIZE = 1000;

interface CachedList {
  result: { items: TripSummaryRecord[]; total: number };
  /** Upcoming trips only: the answer holds until its earliest matching trip departs. */
  validUntil: number;
}

/** The cache key of a search: its filter, with "departing after now" as a flag, not a time. */
const listKey = ({ departingAfter, ...filter }: TripFilter) =>
  JSON.stringify({ ...filter, upcoming: departingAfter !== undefined });

/** Reads of the catalog read model. */
@Injectable()
export class CatalogRepository {
  private readonly tripCache = new Map<string, TripRecord>();
  /**
   * Searches answered, by filter: forgotten when the log shows any trip scheduled or changed
   * (TripCacheInvalidation), and an upcoming-trips answer also once its first trip departs.
   */
  private readonly listCache = new Map<string, CachedList>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @InjectRepository(BusRow) private readonly buses: Repository<BusRow>,
  ) {}

  /** Buses are read by admin commands only: through their TypeORM repository. */
  async findBus(busId: string): Promise<Bus | null> {
    const row = await this.buses.findOne({
      select: { id: true, name: true, plateNumber: true, seats: true },
      where: { id: busId },
    });
    return row
      ? { id: row.id, name: row.name, plateNumber: row.plateNumber, seats: row.seats }
      : null;
  }

  async isPlateNumberTaken(plateNumber: string): Promise<boolean> {
    return this.buses.existsBy({ plateKey: normalizePlateNumber(plateNumber) });
  }

  /**
   * Trips are on the hot paths (seat map, holds, bookings): hand-written SQL. Trips and their
   * buses change only by a cancellation or a delay, so a found trip is kept in memory and
   * forgotten by every process that sees such an event (`forget`). Decisions never rest on it:
   * a trip's allocation refuses a cancelled trip's holds and a booking made for an old departure.
   */
  forget(tripId: string): void {
    this.tripCache.delete(tripId);
    this.listCache.clear();
  }

  /** A trip scheduled: lists may include it now. */
  forgetLists(): void {
    this.listCache.clear();
  }

  /** A bus renamed: every cached trip it runs is forgotten. */
  forgetBus(busId: string): void {
    for (const [tripId, trip] of this.tripCache) {
      if (trip.busId === busId) this.tripCache.delete(tripId);
    }
    this.listCache.clear();
  }

  async listBuses(limit: number, offset: number): Promise<{ items: BusSummary[]; total: number }> {
    const [rows, total] = await this.buses.findAndCount({
      select: {
        id: true,
        name: true,
        plateNumber: true,
        seatCount: true,
        seats: true,
        createdAt: true,
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        plateNumber: row.plateNumber,
        seatCount: row.seatCount,
        seats: row.seats,
        createdAt: row.createdAt,
      })),
      total,
    };
  }

  /** Seats booked and held now, per trip (admin lists). */
  async salesOf(
    tripIds: string[],
    now: Date,
  ): Promise<Map<string, { booked: number; held: number }>> {
    const { rows } = await this.pool.query<{ trip_id: string; booked: number; held: number }>(
      `SELECT t.id AS trip_id,
              (SELECT count(*)::int FROM seat_bookings b WHERE b.trip_id = t.id) AS booked,
              (SELECT coalesce(sum(cardinality(h.seat_numbers)), 0)::int FROM seat_holds h
                WHERE h.trip_id = t.id AND h.status = 'active' AND h.expires_at > $2) AS held
         FROM unnest($1::uuid[]) AS t(id)`,
      [tripIds, now],
    );
    return new Map(rows.map((r) => [r.trip_id, { booked: r.booked, held: r.held }]));
  }

  async findTrip(tripId: string): Promise<TripRecord | null> {
    const cached = this.tripCache.get(tripId);
    if (cached) return cached;
    const { rows } = await this.pool.query<TripRow>(
      `${TRIP_SELECT.replace('$SEATS', 'b.seats,')} WHERE t.id = $1`,
      [tripId],
    );
    if (!rows[0]) return null;
    const trip = toTrip({ ...rows[0], seats: rows[0].seats! });
    setBounded(this.tripCache, tripId, trip, TRIP_CACHE_SIZE);
    return trip;
  }

  async listTrips(filter: TripFilter): Promise<{ items: TripSummaryRecord[]; total: number }> {
    const key = listKey(filter);
    const hit = this.listCache.get(key);
    const now = filter.departingAfter?.getTime();
    if (hit && (now === undefined || now < hit.validUntil)) return hit.result;
    const { rows } = await this.pool.query<TripRow & { first_departure: Date | null }>(
      `SELECT x.*, count(*) OVER () AS total, min(x.departure_at) OVER () AS first_departure
         FROM (${TRIP_SELECT.replace('$SEATS', '')} ${TRIP_FILTER}) x
        ORDER BY x.departure_at, x.id
        LIMIT $6 OFFSET $7`,
      [...filterParams(filter), filter.limit, filter.offset],
    );
    const total = rows[0]?.total ?? (filter.offset > 0 ? await this.countTrips(filter) : 0);
    const result = { items: rows.map((row) => toTrip(row)), total: Number(total) };
    // A page past the end knows no first departure: its total may shrink unseen, so it is not kept.
    if (rows.length > 0 || filter.offset === 0) {
      const firstDeparture = rows[0]?.first_departure?.getTime() ?? Infinity;
      setBounded(this.listCache, key, { result, validUntil: firstDeparture }, LIST_CACHE_SIZE);
    }
    return result;
  }

  private async countTrips(filter: TripFilter): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*) AS n FROM trips t ${TRIP_FILTER}`,
      filterParams(filter),
    );
    return Number(rows[0].n);
  }
}

function filterParams(filter: TripFilter): unknown[] {
  return [
    filter.origin ?? null,
    filter.destination ?? null,
    filter.date ?? null,
    filter.timeZone,
    filter.departingAfter ?? null,
  ];
}

function toTrip(row: TripRow & { seats: SeatLayout[] }): TripRecord;
function toTrip(row: TripRow): TripSummaryRecord;
function toTrip(row: TripRow): TripSummaryRecord {
  return {
    id: row.id,
    busId: row.bus_id,
    busName: row.bus_name,
    plateNumber: row.plate_number,
    ...(row.seats ? { seats: row.seats } : {}),
    seatCount: row.seat_count,
    origin: row.origin,
    destination: row.destination,
    departureAt: row.departure_at,
    arrivalAt: row.arrival_at,
    fares: row.fares,
    maxSeatsPerBooking: row.max_seats_per_booking,
    createdAt: row.created_at,
    ...(row.cancelled_at
      ? { cancelled: { reason: row.cancel_reason ?? '', at: row.cancelled_at } }
      : {}),
    ...(row.sales_closed_at
      ? {
          salesClosed: {
            at: row.sales_closed_at,
            ...(row.sales_closed_reason ? { reason: row.sales_closed_reason } : {}),
          },
        }
      : {}),
    ...(row.delayed_at && row.scheduled_departure_at
      ? {
          delay: {
            scheduledDepartureAt: row.scheduled_departure_at,
            reason: row.delay_reason ?? '',
            at: row.delayed_at,
          },
        }
      : {}),
  };
}
