import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { BookingReader } from '@app/booking-domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Mailbox, messageIdOf } from '@app/mail';
import { PiiCipher } from '@app/privacy';
import { GetTripQuery } from '@app/seating';
import { localTime } from '../mail/local-time';

/**
 * Tells a booking's contact that the operator cancelled the trip and what is refunded. The
 * Message-ID is the booking's: a resend after a crash is recognisable as the same mail.
 */
@Injectable()
export class TripCancellationMailer {
  constructor(
    private readonly bookings: BookingReader,
    private readonly queries: QueryBus,
    private readonly cipher: PiiCipher,
    private readonly mailbox: Mailbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(bookingId: string): Promise<void> {
    const booking = await this.bookings.find(bookingId);
    if (!booking?.cancellation) return;
    const trip = await this.queries.execute(new GetTripQuery(booking.tripId));
    const departure = localTime(this.config, trip.departureAt);
    const refund = booking.cancellation.refund.amount;
    const money = new Intl.NumberFormat('vi-VN', {
      style: 'currency',
      currency: refund.currency,
    }).format(refund.amount);
    await this.mailbox.send(
      {
        messageId: messageIdOf(`trip-cancelled.${bookingId}`, this.config.mail.from),
        to: this.cipher.open(booking.contact.email),
        subject: `Cancelled: ${trip.origin} → ${trip.destination}, ${departure} (booking ${booking.reference})`,
        text: [
          `We are sorry: the coach from ${trip.origin} to ${trip.destination} on ${departure} ` +
            `has been cancelled${trip.cancellation ? ` (${trip.cancellation.reason})` : ''}.`,
          '',
          `Your booking ${booking.reference} is cancelled and its e-tickets are no longer valid.`,
          refund.amount > 0
            ? `Everything you paid, ${money}, is refunded to your original payment method.`
            : 'It was not paid, so there is nothing to refund.',
          '',
          `— ${this.config.brand.name}`,
        ].join('\n'),
      },
      `trip-cancelled-${booking.reference}`,
    );
  }
}
