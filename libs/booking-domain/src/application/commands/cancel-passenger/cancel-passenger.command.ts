import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { BookingStatus, PaymentStatus } from '../../../domain/booking.events';
import type { Money } from '../../../domain/pricing';

/** One passenger's cancellation, done or (as a quote) as it would be now. */
export interface PassengerCancellationView {
  bookingId: string;
  passengerId: string;
  seatNumber: string;
  /** The booking's status after: cancelled when this was its last passenger. */
  bookingStatus: BookingStatus;
  refund: { amount: Money; percent: number };
  paymentStatus: PaymentStatus;
  /** What the passengers who remain cost (zero when none remains). */
  remainingTotal: Money;
  cancelledAt: string;
}

export class CancelPassengerCommand extends Command<PassengerCancellationView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly passengerId: string,
    readonly reason: string,
  ) {
    super();
  }
}
