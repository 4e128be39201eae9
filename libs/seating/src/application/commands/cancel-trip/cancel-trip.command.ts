import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';

export interface TripCancellationView {
  tripId: string;
  status: 'cancelled';
  reason: string;
  cancelledAt: string;
  /** Holds ended by the cancellation (their holders hear of it on the seat feed). */
  holdsReleased: number;
}

export class CancelTripCommand extends Command<TripCancellationView> {
  constructor(
    readonly actor: Actor,
    readonly tripId: string,
    readonly reason: string,
  ) {
    super();
  }
}
