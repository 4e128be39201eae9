import { refuseIfCancelled } from './seat-allocation.decide';
import { TripDelayed } from './seat-allocation.events';
import { SeatAllocation } from './seat-allocation.state';
import { SeatingErrors } from './seating.errors';

export interface DelayTrip {
  newDepartureAt: Date;
  reason: string;
}

export interface DelayTripContext {
  now: Date;
  /** The trip as scheduled (the catalog's); a delay already recorded in the state wins. */
  departureAt: Date;
  arrivalAt: Date;
  /** DELAY_FREE_CANCELLATION_MINUTES and _HOURS. */
  freeCancellation: { afterMinutes: number; forHours: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Beyond this from the scheduled departure, it is another trip: cancel this one instead. */
const LONGEST_DELAY_MS = 7 * 24 * HOUR;

/** The trip's times now: as scheduled, or as the last delay set them. */
export function tripTimes(
  state: SeatAllocation,
  scheduled: { departureAt: Date; arrivalAt: Date },
) {
  return {
    departureAt: new Date(state.schedule?.departureAt ?? scheduled.departureAt),
    arrivalAt: new Date(state.schedule?.arrivalAt ?? scheduled.arrivalAt),
    scheduledDepartureAt: new Date(state.schedule?.scheduledDepartureAt ?? scheduled.departureAt),
  };
}

/**
 * The operator moves a trip's departure later, before it departs; the journey keeps its length.
 * Holds and bookings stay; the bookings follow the new times through the worker's saga. When the
 * trip is now late by more than the policy's minutes, those booked may cancel free of charge for
 * the policy's hours from now.
 */
export function delayTrip(
  command: DelayTrip,
  state: SeatAllocation,
  context: DelayTripContext,
): [TripDelayed] {
  refuseIfCancelled(state);
  const times = tripTimes(state, context);
  const now = context.now.getTime();
  if (now >= times.departureAt.getTime()) throw SeatingErrors.tripDeparted(state.tripId);
  const departure = command.newDepartureAt.getTime();
  if (departure <= times.departureAt.getTime()) {
    throw SeatingErrors.delayNotLater(times.departureAt.toISOString());
  }
  const latest = times.scheduledDepartureAt.getTime() + LONGEST_DELAY_MS;
  if (departure > latest) throw SeatingErrors.delayTooLong(new Date(latest).toISOString());
  const delayMinutes = Math.round((departure - times.scheduledDepartureAt.getTime()) / MINUTE);
  const { afterMinutes, forHours } = context.freeCancellation;
  const freeCancellation = delayMinutes > afterMinutes && forHours > 0;
  return [
    {
      type: 'TripDelayed',
      data: {
        tripId: state.tripId,
        departureAt: command.newDepartureAt.toISOString(),
        arrivalAt: new Date(
          times.arrivalAt.getTime() + departure - times.departureAt.getTime(),
        ).toISOString(),
        previousDepartureAt: times.departureAt.toISOString(),
        scheduledDepartureAt: times.scheduledDepartureAt.toISOString(),
        delayMinutes,
        reason: command.reason,
        delayedAt: context.now.toISOString(),
        ...(freeCancellation
          ? { freeCancellationUntil: new Date(now + forHours * HOUR).toISOString() }
          : {}),
      },
    },
  ];
}
