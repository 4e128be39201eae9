import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { PassengerCancellationView } from '../../commands/cancel-passenger/cancel-passenger.command';

/** What cancelling one passenger would do now: the refund offer, before the traveller commits. */
export class PassengerCancellationQuoteQuery extends Query<PassengerCancellationView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly passengerId: string,
  ) {
    super();
  }
}
