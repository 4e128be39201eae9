import { Query } from '@nestjs/cqrs';
import type { BookingView } from '../../booking.view';

/** A booking found by its reference and the contact's e-mail or phone; personal data masked. */
export class GuestLookupQuery extends Query<BookingView> {
  constructor(
    readonly reference: string,
    readonly contact: { email: string } | { phone: string },
    /** Failed attempts are counted per reference and per client address. */
    readonly clientIp: string,
  ) {
    super();
  }
}
