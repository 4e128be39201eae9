import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { toTripView } from '../../views';
import { ListTripsQuery, TripPage } from './list-trips.query';

@QueryHandler(ListTripsQuery)
export class ListTripsHandler implements IQueryHandler<ListTripsQuery, TripPage> {
  constructor(
    private readonly catalog: CatalogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ filter }: ListTripsQuery): Promise<TripPage> {
    const now = this.clock.now();
    const limit = filter.limit ?? 20;
    const offset = filter.offset ?? 0;
    const { items, total } = await this.catalog.listTrips({
      origin: filter.origin?.trim() || undefined,
      destination: filter.destination?.trim() || undefined,
      date: filter.date,
      timeZone: this.config.catalog.timeZone,
      departingAfter: filter.includeDeparted ? undefined : now,
      limit,
      offset,
    });
    return { items: items.map((trip) => toTripView(trip, now)), total, limit, offset };
  }
}
