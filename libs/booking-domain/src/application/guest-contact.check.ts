import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, rateLimited } from '@app/errors';
import { PiiCipher } from '@app/privacy';
import { normalizeReference } from '../domain/booking-reference';
import { normalizeEmail, normalizePhone } from '../domain/booking-request';
import { Booking, madeAsGuest } from '../domain/booking.state';
import { BookingRepository } from '../infrastructure/booking.repository';
import { RateLimiter } from '@app/redis';

export type GuestContact = { email: string } | { phone: string };

/** One answer for every mismatch, so nothing tells whether a reference exists. */
export const noMatchingBooking = () =>
  new DomainError(
    'booking.not_found',
    'No booking matches this reference and contact. Check both and try again.',
  );

/**
 * Finds a booking by its reference and the contact's e-mail or phone, for guests (lookup,
 * verification, claims). Failed attempts are counted per reference and per client address;
 * past GUEST_LOOKUP_MAX_FAILURES in the window every attempt is refused with 429, a right one
 * too, so guessing cannot go on.
 */
@Injectable()
export class GuestContactCheck {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly cipher: PiiCipher,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The booking, or null (the failure counted) when nothing matches, or when it is not among
   * the bookings asked for: `guest-owned` ones (a guest's, not claimed by a user), all made at
   * `guest-checkout` (claimed or not), or `any`. Users' own bookings are opened by signing in.
   */
  async find(
    reference: string,
    contact: GuestContact,
    clientIp: string,
    among: 'guest-owned' | 'guest-checkout' | 'any',
  ): Promise<Booking | null> {
    const normalized = normalizeReference(reference);
    await this.requireAllowed(normalized, clientIp);
    const booking = await this.bookings.findByReference(normalized);
    const matches: boolean | null =
      booking &&
      (among === 'any' ||
        (among === 'guest-checkout' ? madeAsGuest(booking) : booking.owner.kind === 'guest')) &&
      ('email' in contact
        ? booking.contact.emailIndex === this.cipher.blindIndex(normalizeEmail(contact.email))
        : booking.contact.phoneIndex === this.phoneIndex(contact.phone));
    if (matches) return booking;
    await this.countAttempt(normalized, clientIp);
    return null;
  }

  /**
   * Counts one attempt against the reference's and the address's budget (a failure, or a code
   * sent); throws 429 when it is one too many.
   */
  async countAttempt(reference: string, clientIp: string): Promise<void> {
    const counted = await Promise.all(
      this.keys(normalizeReference(reference), clientIp).map((key) =>
        this.limiter.consume(
          key,
          this.config.GUEST_LOOKUP_MAX_FAILURES,
          this.config.GUEST_LOOKUP_WINDOW_SECONDS,
        ),
      ),
    );
    const over = counted.find((c) => !c.allowed);
    if (over) throw rateLimited(over.retryAfterSeconds, 'failed attempts');
  }

  private async requireAllowed(reference: string, clientIp: string): Promise<void> {
    for (const key of this.keys(reference, clientIp)) {
      const { count, retryAfterSeconds } = await this.limiter.peek(key);
      if (count >= this.config.GUEST_LOOKUP_MAX_FAILURES)
        throw rateLimited(retryAfterSeconds, 'failed attempts');
    }
  }

  private keys(reference: string, clientIp: string): string[] {
    return [`guest-lookup:ref:${reference}`, `guest-lookup:ip:${clientIp}`];
  }

  private phoneIndex(phone: string): string {
    const normalized = normalizePhone(phone, this.config.DEFAULT_PHONE_COUNTRY_CODE);
    return this.cipher.blindIndex(normalized ?? `invalid:${phone}`);
  }
}
