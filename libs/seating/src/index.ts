export { SeatingModule } from './seating.module';
export { seatingMigrations } from './infrastructure/seating.migrations';
export {
  SEAT_TYPES,
  type SeatType,
  type Money,
  type SeatLayout,
  type Bus,
} from './domain/catalog.types';
export {
  RegisterBusCommand,
  type RegisterBusInput,
} from './application/commands/register-bus/register-bus.command';
export { ScheduleTripCommand } from './application/commands/schedule-trip/schedule-trip.command';
export { ListTripsQuery } from './application/queries/list-trips/list-trips.query';
export { GetTripQuery } from './application/queries/get-trip/get-trip.query';
export { GetSeatMapQuery } from './application/queries/get-seat-map/get-seat-map.query';
export { GetSeatChangesQuery } from './application/queries/get-seat-changes/get-seat-changes.query';
export {
  SeatFeed,
  type SeatDelta,
  type TripCancellationNotice,
  type TripDelayNotice,
  type TripUpdateNotice,
} from './application/feed/seat-feed';
export { type HoldChange } from './domain/hold-change';
export {
  type Holder,
  type SeatAllocationEvent,
  seatAllocationStreamId,
} from './domain/seat-allocation.events';
export { LockSeatsCommand } from './application/commands/lock-seats/lock-seats.command';
export { ExtendSeatLockCommand } from './application/commands/extend-seat-lock/extend-seat-lock.command';
export { ReleaseSeatLockCommand } from './application/commands/release-seat-lock/release-seat-lock.command';
export { ExpireSeatLockCommand } from './application/commands/expire-seat-lock/expire-seat-lock.command';
export { GetLockStatusQuery } from './application/queries/get-lock-status/get-lock-status.query';
export { holderOf } from './application/holds';
export { OverdueHolds } from './application/overdue-holds';
export { SeatBookings } from './application/seat-bookings';
export { type TripRecord } from './infrastructure/catalog.repository';
export { seatPrice, type SeatMapView } from './domain/seat-map';
export { JoinWaitlistCommand } from './application/commands/join-waitlist/join-waitlist.command';
export { LeaveWaitlistCommand } from './application/commands/leave-waitlist/leave-waitlist.command';
export { GetWaitlistEntryQuery } from './application/queries/get-waitlist-entry/get-waitlist-entry.query';
export { type WaitlistEntryView } from './application/waitlist';
export { WaitlistRepository, type WaitlistEntryRecord } from './infrastructure/waitlist.repository';
export { type WaitlistOffered } from './domain/seat-allocation.events';
export {
  CancelTripCommand,
  type TripCancellationView,
} from './application/commands/cancel-trip/cancel-trip.command';
export { type TripCancelled, type TripDelayed } from './domain/seat-allocation.events';
export {
  DelayTripCommand,
  type TripDelayView,
} from './application/commands/delay-trip/delay-trip.command';
export { UpdateTripCommand } from './application/commands/update-trip/update-trip.command';
export { ChangeTripFaresCommand } from './application/commands/change-trip-fares/change-trip-fares.command';
export {
  CloseTripSalesCommand,
  OpenTripSalesCommand,
} from './application/commands/trip-sales/trip-sales.commands';
export { UpdateBusCommand } from './application/commands/update-bus/update-bus.command';
export {
  GetBusQuery,
  ListBusesQuery,
  type BusPage,
  type BusView,
} from './application/queries/list-buses/list-buses.query';
export {
  AdminTripsQuery,
  type AdminTripPage,
  type AdminTripView,
} from './application/queries/admin-trips/admin-trips.query';
export { type TripAdminEvent } from './domain/seat-allocation.events';
