import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { PaymentStart } from '../../payments/payment-gateway';

/** How the caller pays this pending booking with the configured provider. */
export class PaymentStartQuery extends Query<PaymentStart> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
  ) {
    super();
  }
}
