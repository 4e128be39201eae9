import { SeatLockReleased, TripCancelled } from './seat-allocation.events';
import { holdReleased, refuseIfCancelled } from './seat-allocation.decide';
import { SeatAllocation } from './seat-allocation.state';
import { SeatingErrors } from './seating.errors';

export interface CancelTrip {
  reason: string;
}

export interface CancelTripContext {
  now: Date;
  departureAt: Date;
}

/**
 * The operator cancels a trip before it departs: every hold ends (released, so each holder
 * hears of it) and the trip is closed in the same append, so no hold or booking can slip in
 * after. Its bookings are the worker's to cancel, from this event. Once only.
 */
export function cancelTrip(
  command: CancelTrip,
  state: SeatAllocation,
  { now, departureAt }: CancelTripContext,
): (SeatLockReleased | TripCancelled)[] {
  refuseIfCancelled(state);
  if (now.getTime() >= departureAt.getTime()) throw SeatingErrors.tripDeparted(state.tripId);
  return [
    ...[...state.holds.values()].map((hold) => holdReleased(hold, state.tripId)),
    {
      type: 'TripCancelled',
      data: { tripId: state.tripId, reason: command.reason, cancelledAt: now.toISOString() },
    },
  ];
}
