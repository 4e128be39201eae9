import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { BookingView } from '../../booking.view';

export class ConfirmBookingCommand extends Command<BookingView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly payment: {
      paymentReference: string;
      paymentMethod: string;
      /** From a payment provider: what was paid. */
      amount?: { amount: number; currency: string };
    },
  ) {
    super();
  }
}
