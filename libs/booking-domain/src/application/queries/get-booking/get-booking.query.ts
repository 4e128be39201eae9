import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { BookingView } from '../../booking.view';

export class GetBookingQuery extends Query<BookingView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
  ) {
    super();
  }
}
