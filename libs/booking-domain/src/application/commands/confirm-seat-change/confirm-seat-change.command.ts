import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { SeatChangeView } from '../change-seat/change-seat.command';

export class ConfirmSeatChangeCommand extends Command<SeatChangeView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly changeId: string,
    readonly payment: {
      paymentReference: string;
      paymentMethod: string;
      /** From a payment provider: what was paid (it must be the difference due). */
      amount?: { amount: number; currency: string };
    },
  ) {
    super();
  }
}
