export { SeatingModule } from './seating.module';
export { seatingMigrations } from './infrastructure/seating.migrations';
export {
  SEAT_TYPES,
  type SeatType,
  type Money,
  type SeatLayout,
  type Fares,
  type Bus,
  type Trip,
} from './domain/catalog.types';
export { type CatalogEvent, type BusRegistered, type TripScheduled } from './domain/events';
export {
  RegisterBusCommand,
  type RegisterBusInput,
} from './application/commands/register-bus/register-bus.command';
export {
  ScheduleTripCommand,
  type ScheduleTripInput,
} from './application/commands/schedule-trip/schedule-trip.command';
export {
  ListTripsQuery,
  type ListTripsFilter,
  type TripPage,
} from './application/queries/list-trips/list-trips.query';
export { GetTripQuery } from './application/queries/get-trip/get-trip.query';
export {
  GetSeatMapQuery,
  type SeatMapRead,
} from './application/queries/get-seat-map/get-seat-map.query';
export {
  GetSeatChangesQuery,
  type SeatChangesView,
  type SeatChangesRead,
} from './application/queries/get-seat-changes/get-seat-changes.query';
export { SeatFeed, type SeatDelta, type SeatFeedListener } from './application/feed/seat-feed';
export { type HoldChange } from './domain/hold-change';
export {
  type TripView,
  type SeatMapView,
  type SeatView,
  type SeatStatus,
  type SeatChange,
  type TripStatus,
} from './application/views';
export {
  type Holder,
  type SeatAllocationEvent,
  SEAT_ALLOCATION_EVENT_TYPES,
  seatAllocationStreamId,
} from './domain/seat-allocation.events';
export { LockSeatsCommand } from './application/commands/lock-seats/lock-seats.command';
export { ExtendSeatLockCommand } from './application/commands/extend-seat-lock/extend-seat-lock.command';
export { ReleaseSeatLockCommand } from './application/commands/release-seat-lock/release-seat-lock.command';
export { ExpireSeatLockCommand } from './application/commands/expire-seat-lock/expire-seat-lock.command';
export {
  GetLockStatusQuery,
  type LockStatusView,
} from './application/queries/get-lock-status/get-lock-status.query';
export {
  holderOf,
  type LockView,
  type ExtendedLockView,
  type ReleasedLockView,
} from './application/holds';
export { SeatAllocationRepository } from './infrastructure/seat-allocation.repository';
export { SeatBookings } from './application/seat-bookings';
export { type TripRecord } from './infrastructure/catalog.repository';
export { orderSeats, seatPrice } from './domain/seat-map';
