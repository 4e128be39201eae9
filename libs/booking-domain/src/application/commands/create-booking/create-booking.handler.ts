import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomInt, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isUniqueViolation } from '@app/event-store';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { createBooking } from '../../../domain/booking.decide';
import { ownerOf, requireUnscoped } from '../../booking-access';
import { bookingReferencesOf, localDate } from '../../booking-policy';
import { checkAndPrice } from '../../booking-request.checks';
import { BookingView, bookingView } from '../../booking.view';
import { BookingWriter } from '../../booking.writer';
import { sealContact, sealPassengers } from '../../sealed-passengers';
import { CreateBookingCommand } from './create-booking.command';

/** References are unique by constraint; a collision (rare: 31^10 per day) draws another. */
const referenceTaken = (error: unknown) => isUniqueViolation(error, 'bookings_reference_key');

@CommandHandler(CreateBookingCommand)
export class CreateBookingHandler implements ICommandHandler<CreateBookingCommand, BookingView> {
  private readonly references;

  constructor(
    private readonly seats: SeatBookings,
    private readonly writer: BookingWriter,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.references = bookingReferencesOf(config.booking);
  }

  async execute({ actor, input }: CreateBookingCommand): Promise<BookingView> {
    requireUnscoped(actor);
    const trip = await this.seats.trip(input.tripId);
    const { price, ...request } = checkAndPrice(input, trip, this.config.booking);
    const passengers = sealPassengers(request.passengers, this.cipher);
    const contact = sealContact(request.contact, this.cipher);
    const bookingId = randomUUID();
    const owner = ownerOf(actor);
    const { booking } = await this.writer.create(
      bookingId,
      actor,
      (now) => ({
        events: createBooking(
          {
            bookingId,
            reference: this.references.generate(
              localDate(now, this.config.catalog.timeZone),
              randomInt,
            ),
            tripId: trip.id,
            owner,
            seatNumbers: request.seatNumbers,
            passengers,
            contact,
            price,
            expectedTotal: input.expectedTotal,
            departureAt: trip.departureAt,
            arrivalAt: trip.arrivalAt,
          },
          null,
          { now, paymentWindowSeconds: this.config.booking.paymentWindowSeconds },
        ),
        seats: { kind: 'book', holder: owner, seatNumbers: request.seatNumbers },
      }),
      { retryWhen: referenceTaken },
    );
    return bookingView(booking, trip, actor, this.cipher);
  }
}
