import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { toTripView } from '../../views';
import { ListTripsQuery, TripPage } from './list-trips.query';

@QueryHandler(ListTripsQuery)
export class ListTripsHandler implements IQueryHandler<ListTripsQuery, TripPage> {
  /**
   * Pages of upcoming trips made from a cached search answer: the answer is dropped before any
   * of its trips departs, so their statuses cannot change meanwhile and the page is shared.
   */
  private readonly upcomingPages = new WeakMap<object, TripPage>();

  constructor(
    private readonly catalog: CatalogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ filter }: ListTripsQuery): Promise<TripPage> {
    const now = this.clock.now();
    const limit = filter.limit ?? 20;
    const offset = filter.offset ?? 0;
    const found = await this.catalog.listTrips({
      origin: filter.origin?.trim() || undefined,
      destination: filter.destination?.trim() || undefined,
      date: filter.date,
      timeZone: this.config.catalog.timeZone,
      departingAfter: filter.includeDeparted ? undefined : now,
      limit,
      offset,
    });
    const shared = filter.includeDeparted ? undefined : this.upcomingPages.get(found);
    if (shared) return shared;
    const page = {
      items: found.items.map((trip) => toTripView(trip, now)),
      total: found.total,
      limit,
      offset,
    };
    if (!filter.includeDeparted) this.upcomingPages.set(found, page);
    return page;
  }
}
