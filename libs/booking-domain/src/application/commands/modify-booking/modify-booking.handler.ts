import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PiiCipher } from '@app/privacy';
import { SeatBookings, TripRecord } from '@app/seating';
import { PassengerInput } from '../../../domain/booking-request';
import { modifyBooking } from '../../../domain/booking.decide';
import { BookingErrors } from '../../../domain/booking.errors';
import { Booking } from '../../../domain/booking.state';
import { requireAccess } from '../../booking-access';
import { checkAndPrice } from '../../booking-request.checks';
import { BookingView, bookingView } from '../../booking.view';
import { BookingWriter, BookingChange } from '../../booking.writer';
import { keptPassengerIds, openPassengers, sealPassengers } from '../../sealed-passengers';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { ModifyBookingCommand, ModifyBookingInput } from './modify-booking.command';

/**
 * New seats and/or passengers while pending. The request rules are checked again on the result,
 * the price is recomputed, and the seats are swapped in one append: new ones must be free or
 * held by the owner, the ones let go are free at once.
 */
@CommandHandler(ModifyBookingCommand)
export class ModifyBookingHandler implements ICommandHandler<ModifyBookingCommand, BookingView> {
  constructor(
    private readonly writer: BookingWriter,
    private readonly bookings: BookingRepository,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, bookingId, input }: ModifyBookingCommand): Promise<BookingView> {
    const known = requireAccess(caller, await this.bookings.find(bookingId), bookingId);
    const trip = await this.seats.trip(known.tripId);
    const { booking } = await this.writer.change(bookingId, caller, (current, now) =>
      this.decide(current, trip, input, now),
    );
    return bookingView(booking, trip, caller, this.cipher);
  }

  private decide(
    booking: Booking,
    trip: TripRecord,
    input: ModifyBookingInput,
    now: Date,
  ): BookingChange {
    const seatNumbers = input.seatNumbers ?? booking.seatNumbers;
    let passengers: PassengerInput[] | undefined = input.passengers;
    if (!passengers) {
      if (seatNumbers.length !== booking.seatNumbers.length) {
        throw BookingErrors.invalidRequest([
          {
            code: 'passenger.seat_mismatch',
            field: 'passengers',
            rule: 'required',
            message: 'give the passengers when the number of seats changes',
          },
        ]);
      }
      // Passengers whose seat stays keep it; the others take the new seats in order.
      const current = openPassengers(booking.passengers, this.cipher);
      const newSeats = seatNumbers.filter((seat) => !current.some((p) => p.seatNumber === seat));
      let next = 0;
      passengers = current.map((p) =>
        seatNumbers.includes(p.seatNumber) ? p : { ...p, seatNumber: newSeats[next++] },
      );
    }
    const { price, ...request } = checkAndPrice(
      { seatNumbers, passengers, contact: undefined },
      trip,
      this.config.booking,
    );
    const events = modifyBooking(
      {
        bookingId: booking.bookingId,
        seatNumbers: request.seatNumbers,
        passengers: sealPassengers(
          request.passengers,
          this.cipher,
          keptPassengerIds(request.passengers, booking.passengers, this.cipher),
        ),
        price,
      },
      booking,
      { now },
    );
    const seatsChanged =
      request.seatNumbers.length !== booking.seatNumbers.length ||
      request.seatNumbers.some((s) => !booking.seatNumbers.includes(s));
    return {
      events,
      seats: seatsChanged ? { kind: 'rebook', seatNumbers: request.seatNumbers } : { kind: 'none' },
    };
  }
}
