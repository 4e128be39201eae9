import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { normalizeReference } from '../../../domain/booking-reference';
import { BookingErrors } from '../../../domain/booking.errors';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { mayAccess } from '../../booking-access';
import { BookingView, bookingView } from '../../booking.view';
import { GetBookingByReferenceQuery } from './get-booking-by-reference.query';

@QueryHandler(GetBookingByReferenceQuery)
export class GetBookingByReferenceHandler implements IQueryHandler<
  GetBookingByReferenceQuery,
  BookingView
> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
  ) {}

  async execute({ caller, reference }: GetBookingByReferenceQuery): Promise<BookingView> {
    const normalized = normalizeReference(reference);
    const booking = await this.bookings.findByReference(normalized);
    // Someone else's reference answers exactly like an unknown one.
    if (!booking || !mayAccess(caller, booking)) {
      throw BookingErrors.referenceNotFound(normalized);
    }
    return bookingView(booking, await this.seats.trip(booking.tripId), caller, this.cipher);
  }
}
