import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { evolve } from '../../../domain/booking.state';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { requireAccess } from '../../booking-access';
import type { PassengerCancellationView } from '../../commands/cancel-passenger/cancel-passenger.command';
import {
  decidePassengerCancellation,
  passengerCancellationView,
} from '../../commands/cancel-passenger/cancel-passenger.handler';
import { PassengerCancellationQuoteQuery } from './passenger-cancellation-quote.query';

/** The same decision as the cancellation, made on the booking as it is and not written. */
@QueryHandler(PassengerCancellationQuoteQuery)
export class PassengerCancellationQuoteHandler implements IQueryHandler<
  PassengerCancellationQuoteQuery,
  PassengerCancellationView
> {
  constructor(
    private readonly bookings: BookingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    caller,
    bookingId,
    passengerId,
  }: PassengerCancellationQuoteQuery): Promise<PassengerCancellationView> {
    const booking = requireAccess(caller, await this.bookings.find(bookingId), bookingId);
    const now = this.clock.now();
    const events = decidePassengerCancellation(
      caller,
      booking,
      passengerId,
      'quote',
      now,
      this.config,
    );
    const seatNumber = booking.passengers.find((p) => p.passengerId === passengerId)!.seatNumber;
    return passengerCancellationView(
      events.reduce(evolve, booking),
      passengerId,
      seatNumber,
      events,
    );
  }
}
