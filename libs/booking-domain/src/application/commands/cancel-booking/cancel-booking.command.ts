import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { Money } from '../../../domain/pricing';

export interface CancellationView {
  bookingId: string;
  status: 'cancelled';
  reason: string;
  refund: { amount: Money; percent: number };
  paymentStatus: string;
  cancelledAt: string;
}

export class CancelBookingCommand extends Command<CancellationView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly reason: string,
  ) {
    super();
  }
}
