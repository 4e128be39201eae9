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

/** The longest a reference stays locked, however often it is attacked. */
const MAX_LOCK_SECONDS = 24 * 3600;

/**
 * Finds a booking by its reference and the contact's e-mail or phone, for guests (lookup,
 * verification, claims). Failed attempts are counted per reference and per client address.
 * An address past GUEST_LOOKUP_MAX_FAILURES in the window is refused (429). A reference past it
 * is locked, for the window and then twice as long each time it happens again (up to a day), so
 * guessing cannot go on; but the lock only stops addresses that have failed: anyone who knows a
 * reference cannot lock its owner out by failing on purpose.
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
   * sent); locks the reference when its budget runs out; throws 429 when the attempt was one too
   * many for either.
   */
  async countAttempt(reference: string, clientIp: string): Promise<void> {
    const keys = this.keys(normalizeReference(reference), clientIp);
    const { lookupMaxFailures: max, lookupWindowSeconds: window } = this.config.guests;
    const [byReference, byAddress] = await Promise.all([
      this.limiter.consume(keys.reference, max, window),
      this.limiter.consume(keys.address, max, window),
    ]);
    if (byReference.remaining === 0 && (await this.limiter.peek(keys.lock)).count === 0) {
      // Each lockout of the same reference within a day lasts twice as long as the one before.
      const strikes = await this.limiter.consume(keys.strikes, 1000, MAX_LOCK_SECONDS);
      const strike = 1000 - strikes.remaining;
      await this.limiter.consume(
        keys.lock,
        1,
        Math.min(window * 2 ** (strike - 1), MAX_LOCK_SECONDS),
      );
    }
    const over = [byAddress, byReference].find((c) => !c.allowed);
    if (over) throw rateLimited(over.retryAfterSeconds, 'failed attempts');
  }

  private async requireAllowed(reference: string, clientIp: string): Promise<void> {
    const keys = this.keys(reference, clientIp);
    const address = await this.limiter.peek(keys.address);
    if (address.count >= this.config.guests.lookupMaxFailures)
      throw rateLimited(address.retryAfterSeconds, 'failed attempts');
    if (address.count === 0) return; // an address that has not failed is never locked out
    const lock = await this.limiter.peek(keys.lock);
    if (lock.count > 0) throw rateLimited(lock.retryAfterSeconds, 'failed attempts');
  }

  private keys(reference: string, clientIp: string) {
    return {
      reference: `guest-lookup:ref:${reference}`,
      lock: `guest-lookup:ref-lock:${reference}`,
      strikes: `guest-lookup:ref-strikes:${reference}`,
      address: `guest-lookup:ip:${clientIp}`,
    };
  }

  private phoneIndex(phone: string): string {
    const normalized = normalizePhone(phone, this.config.booking.defaultPhoneCountryCode);
    return this.cipher.blindIndex(normalized ?? `invalid:${phone}`);
  }
}
