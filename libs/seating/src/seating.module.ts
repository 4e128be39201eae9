import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InlineProjectionRegistry } from '@app/event-store';
import { RegisterBusHandler } from './application/commands/register-bus/register-bus.handler';
import { ScheduleTripHandler } from './application/commands/schedule-trip/schedule-trip.handler';
import { CatalogProjection } from './application/projections/catalog.projection';
import { GetSeatMapHandler } from './application/queries/get-seat-map/get-seat-map.handler';
import { GetTripHandler } from './application/queries/get-trip/get-trip.handler';
import { ListTripsHandler } from './application/queries/list-trips/list-trips.handler';
import { BusRow } from './infrastructure/bus.entity';
import { CatalogRepository } from './infrastructure/catalog.repository';
import { SeatAllocationRepository } from './infrastructure/seat-allocation.repository';
import { OverdueHolds } from './application/overdue-holds';
import { TripMutex } from './infrastructure/trip-mutex';
import { SeatAllocationWriter } from './application/seat-allocation.writer';
import { SeatHoldsProjection } from './application/projections/seat-holds.projection';
import { WaitlistProjection } from './application/projections/waitlist.projection';
import { LockSeatsHandler } from './application/commands/lock-seats/lock-seats.handler';
import { ExtendSeatLockHandler } from './application/commands/extend-seat-lock/extend-seat-lock.handler';
import { ReleaseSeatLockHandler } from './application/commands/release-seat-lock/release-seat-lock.handler';
import { ExpireSeatLockHandler } from './application/commands/expire-seat-lock/expire-seat-lock.handler';
import { GetLockStatusHandler } from './application/queries/get-lock-status/get-lock-status.handler';
import { GetSeatChangesHandler } from './application/queries/get-seat-changes/get-seat-changes.handler';
import { SeatFeed } from './application/feed/seat-feed';
import { SeatBookings } from './application/seat-bookings';
import { JoinWaitlistHandler } from './application/commands/join-waitlist/join-waitlist.handler';
import { LeaveWaitlistHandler } from './application/commands/leave-waitlist/leave-waitlist.handler';
import { GetWaitlistEntryHandler } from './application/queries/get-waitlist-entry/get-waitlist-entry.handler';
import { WaitlistRepository } from './infrastructure/waitlist.repository';
import { CancelTripHandler } from './application/commands/cancel-trip/cancel-trip.handler';
import { DelayTripHandler } from './application/commands/delay-trip/delay-trip.handler';
import { TripCacheInvalidation } from './application/trip-cache-invalidation';
import { TripAdministration } from './application/trip-admin';
import { UpdateTripHandler } from './application/commands/update-trip/update-trip.handler';
import { ChangeTripFaresHandler } from './application/commands/change-trip-fares/change-trip-fares.handler';
import { CloseTripSalesHandler } from './application/commands/trip-sales/close-trip-sales.handler';
import { OpenTripSalesHandler } from './application/commands/trip-sales/open-trip-sales.handler';
import { UpdateBusHandler } from './application/commands/update-bus/update-bus.handler';
import {
  GetBusHandler,
  ListBusesHandler,
} from './application/queries/list-buses/list-buses.handler';
import { AdminTripsHandler } from './application/queries/admin-trips/admin-trips.handler';

@Module({
  imports: [TypeOrmModule.forFeature([BusRow])],
  providers: [
    OverdueHolds,
    CatalogRepository,
    CatalogProjection,
    RegisterBusHandler,
    ScheduleTripHandler,
    ListTripsHandler,
    GetTripHandler,
    GetSeatMapHandler,
    SeatAllocationRepository,
    SeatAllocationWriter,
    TripMutex,
    SeatHoldsProjection,
    WaitlistProjection,
    LockSeatsHandler,
    ExtendSeatLockHandler,
    ReleaseSeatLockHandler,
    ExpireSeatLockHandler,
    GetLockStatusHandler,
    GetSeatChangesHandler,
    SeatFeed,
    SeatBookings,
    WaitlistRepository,
    JoinWaitlistHandler,
    LeaveWaitlistHandler,
    GetWaitlistEntryHandler,
    CancelTripHandler,
    DelayTripHandler,
    TripCacheInvalidation,
    TripAdministration,
    UpdateTripHandler,
    ChangeTripFaresHandler,
    CloseTripSalesHandler,
    OpenTripSalesHandler,
    UpdateBusHandler,
    ListBusesHandler,
    GetBusHandler,
    AdminTripsHandler,
  ],
  exports: [OverdueHolds, SeatFeed, SeatBookings, WaitlistRepository],
})
export class SeatingModule implements OnModuleInit {
  constructor(
    private readonly projections: InlineProjectionRegistry,
    private readonly catalogProjection: CatalogProjection,
    private readonly seatHoldsProjection: SeatHoldsProjection,
    private readonly waitlistProjection: WaitlistProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.catalogProjection);
    this.projections.register(this.seatHoldsProjection);
    this.projections.register(this.waitlistProjection);
  }
}
