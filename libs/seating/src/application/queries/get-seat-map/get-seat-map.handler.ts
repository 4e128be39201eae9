import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { seatMapOf, versionIsExact } from '../../../domain/seat-map';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { GetSeatMapQuery, SeatMapRead } from './get-seat-map.query';

/** The seat map: layout and prices of the trip's bus, and who holds what right now. */
@QueryHandler(GetSeatMapQuery)
export class GetSeatMapHandler implements IQueryHandler<GetSeatMapQuery, SeatMapRead> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly allocations: SeatAllocationWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, holder }: GetSeatMapQuery): Promise<SeatMapRead> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    // As of now, in memory when nothing changed: never older than the caller's own change.
    const allocation = await this.allocations.current(tripId);
    const now = this.clock.now();
    return {
      seatMap: seatMapOf(trip, allocation, now, holder),
      versionIsExact: versionIsExact(allocation, now),
    };
  }
}
