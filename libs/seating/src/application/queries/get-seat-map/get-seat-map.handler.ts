import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { seatMapOf, versionIsExact } from '../../../domain/seat-map';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationRepository } from '../../../infrastructure/seat-allocation.repository';
import { GetSeatMapQuery, SeatMapRead } from './get-seat-map.query';

/** The seat map: layout and prices of the trip's bus, and who holds what right now. */
@QueryHandler(GetSeatMapQuery)
export class GetSeatMapHandler implements IQueryHandler<GetSeatMapQuery, SeatMapRead> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly allocations: SeatAllocationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, holder }: GetSeatMapQuery): Promise<SeatMapRead> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const allocation = await this.allocations.load(tripId);
    const now = this.clock.now();
    return {
      seatMap: seatMapOf(trip, allocation, now, holder),
      versionIsExact: versionIsExact(allocation, now),
    };
  }
}
