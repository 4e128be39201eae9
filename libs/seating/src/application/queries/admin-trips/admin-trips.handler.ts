import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { requireAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { ListTripsQuery } from '../list-trips/list-trips.query';
import { AdminTripPage, AdminTripsQuery } from './admin-trips.query';

@QueryHandler(AdminTripsQuery)
export class AdminTripsHandler implements IQueryHandler<AdminTripsQuery, AdminTripPage> {
  constructor(
    private readonly queries: QueryBus,
    private readonly catalog: CatalogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, filter }: AdminTripsQuery): Promise<AdminTripPage> {
    requireAdmin(caller);
    const page = await this.queries.execute(new ListTripsQuery(filter));
    const sales = await this.catalog.salesOf(
      page.items.map((trip) => trip.id),
      this.clock.now(),
    );
    return {
      ...page,
      items: page.items.map((trip) => ({
        ...trip,
        seatsBooked: sales.get(trip.id)?.booked ?? 0,
        seatsHeld: sales.get(trip.id)?.held ?? 0,
      })),
    };
  }
}
