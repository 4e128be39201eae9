import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { BookingView } from '../../booking.view';

/** The reference as typed: case, spaces and hyphens do not matter. */
export class GetBookingByReferenceQuery extends Query<BookingView> {
  constructor(
    readonly caller: Caller,
    readonly reference: string,
  ) {
    super();
  }
}
