import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';

export interface TripDelayView {
  tripId: string;
  departureAt: string;
  arrivalAt: string;
  previousDepartureAt: string;
  scheduledDepartureAt: string;
  /** From the scheduled departure. */
  delayMinutes: number;
  reason: string;
  delayedAt: string;
  /** Until when those booked may cancel free of charge (a long enough delay only). */
  freeCancellationUntil?: string;
}

export class DelayTripCommand extends Command<TripDelayView> {
  constructor(
    readonly actor: Actor,
    readonly tripId: string,
    readonly newDepartureAt: Date,
    readonly reason: string,
  ) {
    super();
  }
}
