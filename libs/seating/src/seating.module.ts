import { Module, OnModuleInit } from '@nestjs/common';
import { InlineProjectionRegistry } from '@app/event-store';
import { RegisterBusHandler } from './application/commands/register-bus/register-bus.handler';
import { ScheduleTripHandler } from './application/commands/schedule-trip/schedule-trip.handler';
import { CatalogProjection } from './application/projections/catalog.projection';
import { GetSeatMapHandler } from './application/queries/get-seat-map/get-seat-map.handler';
import { GetTripHandler } from './application/queries/get-trip/get-trip.handler';
import { ListTripsHandler } from './application/queries/list-trips/list-trips.handler';
import { CatalogRepository } from './infrastructure/catalog.repository';

@Module({
  providers: [
    CatalogRepository,
    CatalogProjection,
    RegisterBusHandler,
    ScheduleTripHandler,
    ListTripsHandler,
    GetTripHandler,
    GetSeatMapHandler,
  ],
})
export class SeatingModule implements OnModuleInit {
  constructor(
    private readonly projections: InlineProjectionRegistry,
    private readonly catalogProjection: CatalogProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.catalogProjection);
  }
}
