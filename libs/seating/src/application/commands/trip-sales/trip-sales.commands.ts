import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { TripView } from '../../views';

/** No new holds, bookings or waiting-list places (pending bookings may still be paid). */
export class CloseTripSalesCommand extends Command<TripView> {
  constructor(
    readonly caller: Caller,
    readonly tripId: string,
    readonly reason?: string,
  ) {
    super();
  }
}

export class OpenTripSalesCommand extends Command<TripView> {
  constructor(
    readonly caller: Caller,
    readonly tripId: string,
  ) {
    super();
  }
}
