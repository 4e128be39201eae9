import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAdmin } from '@app/auth';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { Bus } from '../../../domain/catalog.types';
import { SeatingErrors } from '../../../domain/seating.errors';
import { BusPage, GetBusQuery, ListBusesQuery } from './list-buses.query';

@QueryHandler(ListBusesQuery)
export class ListBusesHandler implements IQueryHandler<ListBusesQuery, BusPage> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ caller, page }: ListBusesQuery): Promise<BusPage> {
    requireAdmin(caller);
    const { items, total } = await this.catalog.listBuses(page.limit, page.offset);
    return {
      items: items.map((bus) => ({ ...bus, createdAt: bus.createdAt.toISOString() })),
      total,
      ...page,
    };
  }
}

@QueryHandler(GetBusQuery)
export class GetBusHandler implements IQueryHandler<GetBusQuery, Bus> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ caller, busId }: GetBusQuery): Promise<Bus> {
    requireAdmin(caller);
    const bus = await this.catalog.findBus(busId);
    if (!bus) throw SeatingErrors.busNotFound(busId);
    return bus;
  }
}
