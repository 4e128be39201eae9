import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, rateLimited } from '@app/errors';
import { PiiCipher } from '@app/privacy';
import { RateLimiter } from '@app/redis';
import { SeatBookings } from '@app/seating';
import { normalizeReference } from '../../../domain/booking-reference';
import { normalizeEmail, normalizePhone } from '../../../domain/booking-request';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { BookingView, bookingView } from '../../booking.view';
import { GuestLookupQuery } from './guest-lookup.query';

/** One answer for every mismatch, so nothing tells whether a reference exists. */
const notFound = () =>
  new DomainError(
    'booking.not_found',
    'not_found',
    'No booking matches this reference and contact. Check both and try again.',
  );

@QueryHandler(GuestLookupQuery)
export class GuestLookupHandler implements IQueryHandler<GuestLookupQuery, BookingView> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ reference, contact, clientIp }: GuestLookupQuery): Promise<BookingView> {
    const normalized = normalizeReference(reference);
    const keys = [`guest-lookup:ref:${normalized}`, `guest-lookup:ip:${clientIp}`];
    const max = this.config.GUEST_LOOKUP_MAX_FAILURES;
    const window = this.config.GUEST_LOOKUP_WINDOW_SECONDS;
    for (const key of keys) {
      const { count, retryAfterSeconds } = await this.limiter.peek(key);
      if (count >= max) throw rateLimited(retryAfterSeconds, 'failed lookups');
    }
    const booking = await this.bookings.findByReference(normalized);
    const index =
      'email' in contact
        ? this.cipher.blindIndex(normalizeEmail(contact.email))
        : this.cipher.blindIndex(
            normalizePhone(contact.phone, this.config.DEFAULT_PHONE_COUNTRY_CODE) ??
              `invalid:${contact.phone}`,
          );
    const matches =
      booking &&
      ('email' in contact ? booking.contact.emailIndex : booking.contact.phoneIndex) === index;
    if (!booking || !matches) {
      const counted = await Promise.all(keys.map((key) => this.limiter.consume(key, max, window)));
      const over = counted.find((c) => !c.allowed);
      if (over) throw rateLimited(over.retryAfterSeconds, 'failed lookups');
      throw notFound();
    }
    return bookingView(booking, await this.seats.trip(booking.tripId), SYSTEM_ACTOR, this.cipher);
  }
}
