import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { toTripView, TripView } from '../../views';
import { GetTripQuery } from './get-trip.query';

@QueryHandler(GetTripQuery)
export class GetTripHandler implements IQueryHandler<GetTripQuery, TripView> {
  constructor(
    private readonly catalog: CatalogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId }: GetTripQuery): Promise<TripView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    return toTripView(trip, this.clock.now());
  }
}
