import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { confirmBooking } from '../../../domain/booking.decide';
import { BookingView, bookingView } from '../../booking.view';
import { BookingWriter } from '../../booking.writer';
import { ConfirmBookingCommand } from './confirm-booking.command';

@CommandHandler(ConfirmBookingCommand)
export class ConfirmBookingHandler implements ICommandHandler<ConfirmBookingCommand, BookingView> {
  constructor(
    private readonly writer: BookingWriter,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
  ) {}

  async execute({ caller, bookingId, payment }: ConfirmBookingCommand): Promise<BookingView> {
    const { booking } = await this.writer.change(bookingId, caller, (current, now) => ({
      events: confirmBooking({ bookingId, ...payment }, current, { now }),
      seats: { kind: 'none' },
    }));
    return bookingView(booking, await this.seats.trip(booking.tripId), caller, this.cipher);
  }
}
