import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { UpdateTrip } from '../../../domain/trip-admin.decide';
import type { TripView } from '../../views';

/** Route, times, bus or seat limit, while nothing is booked on the trip. */
export class UpdateTripCommand extends Command<TripView> {
  constructor(
    readonly caller: Caller,
    readonly tripId: string,
    readonly changes: UpdateTrip,
  ) {
    super();
  }
}
