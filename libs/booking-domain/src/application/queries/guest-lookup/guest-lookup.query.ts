import { Query } from '@nestjs/cqrs';
import type { BookingView } from '../../booking.view';
import type { GuestContact } from '../../guest-contact.check';

/** A booking found by its reference and the contact's e-mail or phone; personal data masked. */
export class GuestLookupQuery extends Query<BookingView> {
  constructor(
    readonly reference: string,
    readonly contact: GuestContact,
    /** Failed attempts are counted per reference and per client address. */
    readonly clientIp: string,
  ) {
    super();
  }
}
