import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller, isAdmin, isSystem } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { cancelPassenger } from '../../../domain/booking.decide';
import { BookingEvent } from '../../../domain/booking.events';
import { Booking } from '../../../domain/booking.state';
import { refundPolicyOf } from '../../booking-policy';
import { BookingWriter } from '../../booking.writer';
import { CancelPassengerCommand, PassengerCancellationView } from './cancel-passenger.command';

/** One passenger leaves the booking; their seat is free again in the same transaction. */
@CommandHandler(CancelPassengerCommand)
export class CancelPassengerHandler implements ICommandHandler<
  CancelPassengerCommand,
  PassengerCancellationView
> {
  constructor(
    private readonly writer: BookingWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    caller,
    bookingId,
    passengerId,
    reason,
  }: CancelPassengerCommand): Promise<PassengerCancellationView> {
    let seatNumber = '';
    const { booking, events } = await this.writer.change(
      bookingId,
      caller,
      (current, now) => {
        seatNumber =
          current.passengers.find((p) => p.passengerId === passengerId)?.seatNumber ?? '';
        return {
          events: decidePassengerCancellation(
            caller,
            current,
            passengerId,
            reason,
            now,
            this.config,
          ),
          seats: { kind: 'release', reason: 'cancelled', seatNumbers: [seatNumber] },
        };
      },
      { reason },
    );
    return passengerCancellationView(booking, passengerId, seatNumber, events);
  }
}

/** The decision, shared with the quote (which decides without writing). */
export function decidePassengerCancellation(
  caller: Caller,
  booking: Booking,
  passengerId: string,
  reason: string,
  now: Date,
  config: AppConfig,
) {
  const cancelledBy = isSystem(caller) ? 'system' : isAdmin(caller) ? 'admin' : 'owner';
  return cancelPassenger(
    { bookingId: booking.bookingId, passengerId, reason, cancelledBy },
    booking,
    {
      now,
      refundPolicy: refundPolicyOf(config.booking),
    },
  );
}

/** What a passenger's cancellation did, from the booking after it and its event. */
export function passengerCancellationView(
  after: Booking,
  passengerId: string,
  seatNumber: string,
  events: BookingEvent[],
): PassengerCancellationView {
  const event = events[0];
  if (event?.type !== 'PassengerCancelled' && event?.type !== 'BookingCancelled') {
    throw new Error(`unexpected ${event?.type}`);
  }
  const { refund, paymentStatus, cancelledAt } = event.data;
  return {
    bookingId: after.bookingId,
    passengerId,
    seatNumber,
    bookingStatus: after.status,
    refund,
    paymentStatus,
    remainingTotal:
      event.type === 'PassengerCancelled'
        ? event.data.price.total
        : { ...refund.amount, amount: 0 },
    cancelledAt,
  };
}
