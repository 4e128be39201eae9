import { CodedViolation } from '@app/errors';
import { fareViolations, scheduleViolations } from './catalog.decide';
import { Bus, Fares } from './catalog.types';
import { refuseIfCancelled } from './seat-allocation.decide';
import {
  TripFaresChanged,
  TripSalesClosed,
  TripSalesOpened,
  TripUpdated,
} from './seat-allocation.events';
import { SeatAllocation } from './seat-allocation.state';
import { SeatingErrors } from './seating.errors';
import { tripTimes } from './trip-delay.decide';

/** The trip as the catalog has it, and its bus. */
export interface TripAdminContext {
  now: Date;
  trip: {
    busId: string;
    origin: string;
    destination: string;
    departureAt: Date;
    arrivalAt: Date;
    fares: Fares;
  };
  bus: Bus;
  currency: string;
}

export interface UpdateTrip {
  busId?: string;
  origin?: string;
  destination?: string;
  departureAt?: Date;
  arrivalAt?: Date;
  maxSeatsPerBooking?: number;
}

export interface UpdateTripContext extends TripAdminContext {
  /** The bus the trip moves to (`busId`), `null` when it is not registered. */
  newBus?: Bus | null;
}

function refuseIfDeparted(state: SeatAllocation, context: TripAdminContext): void {
  refuseIfCancelled(state);
  const { departureAt } = tripTimes(state, context.trip);
  if (context.now.getTime() >= departureAt.getTime())
    throw SeatingErrors.tripDeparted(state.tripId);
}

/**
 * Route, times, bus and seat limit change only while no booking owns a seat (after that, delay
 * or cancel); the bus only while no seat is held either, since holds name its seats. Checked on
 * the trip's allocation, so no booking can slip in between.
 */
export function updateTrip(
  command: UpdateTrip,
  state: SeatAllocation,
  context: UpdateTripContext,
): TripUpdated[] {
  refuseIfDeparted(state, context);
  if (state.booked.size > 0) throw SeatingErrors.tripHasBookings(state.tripId);
  const busChanges = command.busId !== undefined && command.busId !== context.trip.busId;
  if (busChanges && state.holds.size > 0) throw SeatingErrors.tripHasHolds(state.tripId);
  const times = tripTimes(state, context.trip);
  const departure = command.departureAt ?? times.departureAt;
  const arrival =
    command.arrivalAt ??
    (command.departureAt
      ? new Date(times.arrivalAt.getTime() + departure.getTime() - times.departureAt.getTime())
      : times.arrivalAt);
  const origin = command.origin?.trim() ?? context.trip.origin;
  const destination = command.destination?.trim() ?? context.trip.destination;
  const violations: CodedViolation[] = [];
  if (busChanges && !context.newBus) {
    violations.push({
      code: 'trip.unknown_bus',
      field: 'busId',
      rule: 'exists',
      message: `bus ${command.busId} is not registered`,
    });
  }
  violations.push(
    ...scheduleViolations({
      departure,
      arrival,
      origin,
      destination,
      now: context.now,
      departureChanged: !!command.departureAt,
    }),
  );
  if (busChanges && context.newBus) {
    violations.push(...fareViolations(context.trip.fares, context.newBus, context.currency));
  }
  if (violations.length > 0) throw SeatingErrors.invalidTrip(violations);
  const timesChange =
    departure.getTime() !== times.departureAt.getTime() ||
    arrival.getTime() !== times.arrivalAt.getTime();
  const changes: TripUpdated['data']['changes'] = {
    ...(busChanges ? { busId: command.busId } : {}),
    ...(origin !== context.trip.origin ? { origin } : {}),
    ...(destination !== context.trip.destination ? { destination } : {}),
    ...(timesChange
      ? { departureAt: departure.toISOString(), arrivalAt: arrival.toISOString() }
      : {}),
    ...(command.maxSeatsPerBooking !== undefined
      ? { maxSeatsPerBooking: command.maxSeatsPerBooking }
      : {}),
  };
  if (Object.keys(changes).length === 0) return [];
  return [
    {
      type: 'TripUpdated',
      data: { tripId: state.tripId, changes, updatedAt: context.now.toISOString() },
    },
  ];
}

/** New fares, any time before departure: they price the bookings made from now on. */
export function changeFares(
  command: { fares: Fares },
  state: SeatAllocation,
  context: TripAdminContext,
): TripFaresChanged[] {
  refuseIfDeparted(state, context);
  const violations = fareViolations(command.fares, context.bus, context.currency);
  if (violations.length > 0) throw SeatingErrors.invalidTrip(violations);
  return [
    {
      type: 'TripFaresChanged',
      data: { tripId: state.tripId, fares: command.fares, changedAt: context.now.toISOString() },
    },
  ];
}

/** Sales close (no new hold, booking or waiting-list place); closing again changes nothing. */
export function closeSales(
  command: { reason?: string },
  state: SeatAllocation,
  context: TripAdminContext,
): TripSalesClosed[] {
  refuseIfDeparted(state, context);
  if (state.salesClosed) return [];
  return [
    {
      type: 'TripSalesClosed',
      data: {
        tripId: state.tripId,
        ...(command.reason ? { reason: command.reason } : {}),
        closedAt: context.now.toISOString(),
      },
    },
  ];
}

/** Sales open again; opening an open trip changes nothing. */
export function openSales(
  _command: Record<string, never>,
  state: SeatAllocation,
  context: TripAdminContext,
): TripSalesOpened[] {
  refuseIfDeparted(state, context);
  if (!state.salesClosed) return [];
  return [
    {
      type: 'TripSalesOpened',
      data: { tripId: state.tripId, openedAt: context.now.toISOString() },
    },
  ];
}
