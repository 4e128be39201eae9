import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { requireAccess } from '../../booking-access';
import { BookingView, bookingView } from '../../booking.view';
import { GetBookingQuery } from './get-booking.query';

@QueryHandler(GetBookingQuery)
export class GetBookingHandler implements IQueryHandler<GetBookingQuery, BookingView> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
  ) {}

  async execute({ caller, bookingId }: GetBookingQuery): Promise<BookingView> {
    const booking = requireAccess(caller, await this.bookings.find(bookingId), bookingId);
    return bookingView(booking, await this.seats.trip(booking.tripId), caller, this.cipher);
  }
}
