import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { BookingEvent, BookingReader } from '@app/booking-domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Mailbox, messageIdOf } from '@app/mail';
import { PiiCipher } from '@app/privacy';
import { GetTripQuery } from '@app/seating';
import { localTime } from '../mail/local-time';

type BookingRescheduled = Extract<BookingEvent, { type: 'BookingRescheduled' }>;

/**
 * Tells a booking's contact the trip's new departure, and until when cancelling is free when the
 * delay allows it. One Message-ID per booking and new departure: a resend after a crash is the
 * same mail, a second delay a new one.
 */
@Injectable()
export class TripDelayMailer {
  private readonly logger = new Logger(TripDelayMailer.name);

  constructor(
    private readonly bookings: BookingReader,
    private readonly queries: QueryBus,
    private readonly cipher: PiiCipher,
    private readonly mailbox: Mailbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send({ data: delay }: Pick<BookingRescheduled, 'data'>): Promise<void> {
    const booking = await this.bookings.find(delay.bookingId);
    if (!booking || (booking.status !== 'pending' && booking.status !== 'confirmed')) return;
    const trip = await this.queries.execute(new GetTripQuery(booking.tripId));
    const departure = localTime(this.config, delay.departureAt);
    const previously = localTime(this.config, delay.previousDepartureAt);
    const arrival = localTime(this.config, delay.arrivalAt, { timeStyle: 'short' });
    const lines = [
      `The coach from ${trip.origin} to ${trip.destination} you booked (booking ` +
        `${booking.reference}) is delayed: it now departs ${departure} instead of ${previously}, ` +
        `and should arrive about ${arrival} (${this.config.catalog.timeZone}).`,
      `Why: ${delay.reason}.`,
      '',
      booking.status === 'confirmed'
        ? 'Your e-tickets stay valid for the new time: drivers see it when they scan them, and ' +
          'tickets downloaded from your booking show it.'
        : `Your booking is not paid yet: pay before ${localTime(this.config, booking.expiresAt)}.`,
    ];
    if (delay.freeCancellationUntil && booking.status === 'confirmed') {
      lines.push(
        '',
        `As the coach is ${delay.delayMinutes} minutes late, you may cancel free of charge, with ` +
          `everything you paid refunded, until ${localTime(this.config, delay.freeCancellationUntil)}.`,
      );
    }
    lines.push(
      '',
      `We are sorry for the inconvenience. Manage your booking at ${this.config.http.publicUrl}.`,
    );
    lines.push('', `— ${this.config.brand.name}`);
    await this.mailbox.send(
      {
        messageId: messageIdOf(
          `trip-delayed.${delay.bookingId}.${Date.parse(delay.departureAt)}`,
          this.config.mail.from,
        ),
        to: this.cipher.open(booking.contact.email),
        subject: `Delayed: ${trip.origin} → ${trip.destination} now departs ${departure} (booking ${booking.reference})`,
        text: lines.join('\n'),
      },
      `trip-delayed-${booking.reference}`,
    );
    this.logger.log(`delay of booking ${delay.bookingId} mailed`);
  }
}
