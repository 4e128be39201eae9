import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { TripDelayed } from '../../../domain/seat-allocation.events';

/** The delay recorded: the trip's new times, and the free cancellation it opens, if any. */
export type TripDelayView = TripDelayed['data'];

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
