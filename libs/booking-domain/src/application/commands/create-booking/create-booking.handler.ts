import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomInt, randomUUID } from 'node:crypto';
import { callerRef } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isUniqueViolation, NO_STREAM, PostgresEventStore } from '@app/event-store';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { createBooking } from '../../../domain/booking.decide';
import { bookingStreamId } from '../../../domain/booking.events';
import { evolve } from '../../../domain/booking.state';
import { ownerOf, requireUnscoped } from '../../booking-access';
import { bookingReferencesOf, localDate } from '../../booking-policy';
import { checkAndPrice } from '../../booking-request.checks';
import { BookingView, bookingView } from '../../booking.view';
import { sealContact, sealPassengers } from '../../sealed-passengers';
import { CreateBookingCommand } from './create-booking.command';

/** References are unique by constraint; a collision (rare: 31^10 per day) draws another. */
const REFERENCE_ATTEMPTS = 5;

@CommandHandler(CreateBookingCommand)
export class CreateBookingHandler implements ICommandHandler<CreateBookingCommand, BookingView> {
  private readonly references;

  constructor(
    private readonly seats: SeatBookings,
    private readonly eventStore: PostgresEventStore,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.references = bookingReferencesOf(config);
  }

  async execute({ actor, input }: CreateBookingCommand): Promise<BookingView> {
    requireUnscoped(actor);
    const trip = await this.seats.trip(input.tripId);
    const { price, ...request } = checkAndPrice(input, trip, this.config);
    const passengers = sealPassengers(request.passengers, this.cipher);
    const contact = sealContact(request.contact, this.cipher);
    const bookingId = randomUUID();
    const owner = ownerOf(actor);
    const metadata = { actor: callerRef(actor), correlationId: bookingId };

    for (let attempt = 1; ; attempt++) {
      const now = this.clock.now();
      const events = createBooking(
        null,
        {
          bookingId,
          reference: this.references.generate(
            localDate(now, this.config.CATALOG_TIMEZONE),
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
        this.config.BOOKING_PAYMENT_WINDOW_SECONDS,
        now,
      );
      try {
        await this.seats.book(
          trip.id,
          { bookingId, holder: owner, seatNumbers: request.seatNumbers },
          metadata,
          (transaction) =>
            this.eventStore
              .append(bookingStreamId(bookingId), NO_STREAM, events, { transaction, metadata })
              .then(() => undefined),
        );
        return bookingView(events.reduce(evolve, null)!, trip, actor, this.cipher);
      } catch (error) {
        if (!isUniqueViolation(error, 'bookings_reference_key') || attempt >= REFERENCE_ATTEMPTS)
          throw error;
      }
    }
  }
}
