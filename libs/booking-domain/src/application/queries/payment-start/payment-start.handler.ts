import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { BookingErrors } from '../../../domain/booking.errors';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { requireAccess } from '../../booking-access';
import { PAYMENT_GATEWAY, PaymentGateway, PaymentStart } from '../../payments/payment-gateway';
import { PaymentStartQuery } from './payment-start.query';

/** A pending booking still payable: what its payment takes, from the payment port. */
@QueryHandler(PaymentStartQuery)
export class PaymentStartHandler implements IQueryHandler<PaymentStartQuery, PaymentStart> {
  constructor(
    private readonly bookings: BookingRepository,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, bookingId }: PaymentStartQuery): Promise<PaymentStart> {
    const booking = requireAccess(caller, await this.bookings.find(bookingId), bookingId);
    if (booking.status === 'confirmed' || booking.status === 'completed') {
      throw BookingErrors.alreadyConfirmed(booking.payment?.reference ?? '');
    }
    if (booking.status !== 'pending') {
      throw BookingErrors.wrongStatus('booking.not_confirmable', booking.status, 'paid');
    }
    if (this.clock.now().getTime() >= Date.parse(booking.expiresAt)) {
      throw BookingErrors.paymentWindowClosed(booking.expiresAt);
    }
    return this.gateway.start(booking);
  }
}
