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
export { GetSeatMapQuery } from './application/queries/get-seat-map/get-seat-map.query';
export {
  type TripView,
  type SeatMapView,
  type SeatView,
  type SeatStatus,
  type TripStatus,
} from './application/views';
