import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { Fares } from '../../../domain/catalog.types';
import type { TripView } from '../../views';

/** New fares for the trip's seat types, for the bookings made from now on. */
export class ChangeTripFaresCommand extends Command<TripView> {
  constructor(
    readonly caller: Caller,
    readonly tripId: string,
    readonly fares: Fares,
  ) {
    super();
  }
}
