import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { Money, PriceBreakdown } from '../../../domain/pricing';
import type { SeatChangePaymentStart } from '../../payments/payment-gateway';

/** A seat change: done, or waiting for the dearer seat's difference to be paid. */
export interface SeatChangeView {
  changeId: string;
  bookingId: string;
  passengerId: string;
  fromSeat: string;
  toSeat: string;
  status: 'changed' | 'awaiting_payment';
  /** Awaiting payment: what is due, and until when. */
  amountDue?: Money;
  expiresAt?: string;
  /** Awaiting payment: how to pay it with the configured provider. */
  payment?: SeatChangePaymentStart;
  /** Changed to a cheaper seat: the difference refunded. */
  refund?: { amount: Money; percent: number };
  /** The booking's price with the passenger on the new seat. */
  price: PriceBreakdown;
}

export class ChangeSeatCommand extends Command<SeatChangeView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly passengerId: string,
    readonly toSeatNumber: string,
  ) {
    super();
  }
}
