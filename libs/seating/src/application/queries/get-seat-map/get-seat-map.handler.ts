import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { seatMapOf, seatMapTag } from '../../../domain/seat-map';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationRepository } from '../../../infrastructure/seat-allocation.repository';
import { GetSeatMapQuery, TaggedSeatMap } from './get-seat-map.query';

/** The seat map: layout and prices of the trip's bus, and who holds what right now. */
@QueryHandler(GetSeatMapQuery)
export class GetSeatMapHandler implements IQueryHandler<GetSeatMapQuery, TaggedSeatMap> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly allocations: SeatAllocationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, holder }: GetSeatMapQuery): Promise<TaggedSeatMap> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const allocation = await this.allocations.load(tripId);
    const now = this.clock.now();
    return { tag: seatMapTag(allocation, now), seatMap: seatMapOf(trip, allocation, now, holder) };
  }
}
