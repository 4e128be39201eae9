import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { PostgresEventStore, RecordedEvent } from '@app/event-store';
import {
  SeatAllocationEvent,
  seatAllocationStreamId,
} from '../../../domain/seat-allocation.events';
import { seatMapOf, seatsChangedBy, versionIsExact } from '../../../domain/seat-map';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { GetSeatChangesQuery, SeatChangesRead } from './get-seat-changes.query';

/** Beyond this many events a client is better served by the whole map. */
export const MAX_POLLED_EVENTS = 500;

@QueryHandler(GetSeatChangesQuery)
export class GetSeatChangesHandler implements IQueryHandler<GetSeatChangesQuery, SeatChangesRead> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly allocations: SeatAllocationWriter,
    private readonly eventStore: PostgresEventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, sinceVersion, holder }: GetSeatChangesQuery): Promise<SeatChangesRead> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    // As of now, in memory when nothing changed: never older than the caller's own change.
    const allocation = await this.allocations.current(tripId);
    const now = this.clock.now();
    const read = { version: allocation.version, versionIsExact: versionIsExact(allocation, now) };
    const seatMap = seatMapOf(trip, allocation, now, holder);
    const behind = allocation.version - sinceVersion;
    if (behind < 0 || behind > MAX_POLLED_EVENTS) return { ...read, result: seatMap };

    const events =
      behind === 0
        ? []
        : await this.eventStore.readStream(seatAllocationStreamId(tripId), {
            fromVersion: sinceVersion + 1,
            toVersion: allocation.version,
          });
    // A new bus or new fares change every seat's layout or price, which changes do not carry.
    if (events.some((e) => e.type === 'TripUpdated' || e.type === 'TripFaresChanged')) {
      return { ...read, result: seatMap };
    }
    const touched = seatsChangedBy(events as RecordedEvent<SeatAllocationEvent>[], allocation, now);
    return {
      ...read,
      result: {
        tripId,
        fromVersion: sinceVersion,
        version: allocation.version,
        changes: seatMap.seats
          .filter((seat) => touched.has(seat.seatNumber))
          .map(({ seatNumber, status, expiresAt, heldByYou }) =>
            expiresAt
              ? { seatNumber, status, expiresAt, heldByYou }
              : { seatNumber, status, heldByYou },
          ),
      },
    };
  }
}
