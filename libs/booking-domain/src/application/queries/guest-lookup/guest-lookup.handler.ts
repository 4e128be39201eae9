import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { BookingView, bookingView } from '../../booking.view';
import { GuestContactCheck, noMatchingBooking } from '../../guest-contact.check';
import { GuestLookupQuery } from './guest-lookup.query';

@QueryHandler(GuestLookupQuery)
export class GuestLookupHandler implements IQueryHandler<GuestLookupQuery, BookingView> {
  constructor(
    private readonly contacts: GuestContactCheck,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
  ) {}

  async execute({ reference, contact, clientIp }: GuestLookupQuery): Promise<BookingView> {
    const booking = await this.contacts.find(reference, contact, clientIp, 'any');
    if (!booking) throw noMatchingBooking();
    // As the system sees it: personal data masked.
    return bookingView(booking, await this.seats.trip(booking.tripId), SYSTEM_ACTOR, this.cipher);
  }
}
