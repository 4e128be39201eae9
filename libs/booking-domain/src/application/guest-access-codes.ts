import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { Mailbox } from '@app/mail';
import { PiiCipher } from '@app/privacy';
import { Booking } from '../domain/booking.state';
import { CodePurpose, GuestAccessCodeStore } from '../infrastructure/guest-access-code.store';
import { GuestContactCheck } from './guest-contact.check';

/** The same answer for a wrong, expired, used-up or never-sent code, and for a wrong contact. */
export const codeNotAccepted = () =>
  new DomainError(
    'guest.code_invalid',
    'This code is not valid: it is wrong, has expired or has been used. Check the latest ' +
      'e-mail, or ask for a new code.',
  );

const PURPOSE_TEXT: Record<CodePurpose, string> = {
  access: 'open your booking',
  claim: 'add the booking to your account',
};

/**
 * Six-digit one-time codes, e-mailed to a booking's contact: valid GUEST_OTP_TTL_SECONDS, for
 * GUEST_OTP_MAX_ATTEMPTS tries, once. Each code sent counts against the reference's attempt
 * budget, so the contact's inbox cannot be flooded.
 */
@Injectable()
export class GuestAccessCodes {
  private readonly logger = new Logger(GuestAccessCodes.name);

  constructor(
    private readonly store: GuestAccessCodeStore,
    private readonly contacts: GuestContactCheck,
    private readonly mailbox: Mailbox,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stores a new code and sends it; the mail goes out in the background (SMTP can be slow). */
  async send(booking: Booking, purpose: CodePurpose, clientIp: string): Promise<void> {
    await this.contacts.countAttempt(booking.reference, clientIp);
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + this.config.guests.otpTtlSeconds * 1000);
    await this.store.replace(
      booking.bookingId,
      purpose,
      this.hash(booking, purpose, code),
      expiresAt,
      now,
    );
    const minutes = Math.round(this.config.guests.otpTtlSeconds / 60);
    this.mailbox
      .send(
        {
          to: this.cipher.open(booking.contact.email),
          subject: `${code} is your code for booking ${booking.reference}`,
          text:
            `Your one-time code to ${PURPOSE_TEXT[purpose]} ${booking.reference} is:\n\n` +
            `    ${code}\n\n` +
            `It is valid for ${minutes} minutes (until ${expiresAt.toISOString()}) and can be ` +
            `used once. If you did not ask for it, ignore this e-mail: nobody can open the ` +
            `booking without it.\n\n${this.config.brand.name} · ${this.config.brand.contact}`,
        },
        `code-${booking.reference}`,
      )
      .catch((error: unknown) =>
        this.logger.warn(
          `e-mailing a one-time code for ${booking.bookingId} failed: ${(error as Error).message}`,
        ),
      );
  }

  /** Uses the code up, or counts the failed attempt and refuses. */
  async redeem(
    booking: Booking,
    purpose: CodePurpose,
    code: string,
    clientIp: string,
  ): Promise<void> {
    const outcome = await this.store.check(
      booking.bookingId,
      purpose,
      this.hash(booking, purpose, code),
      this.config.guests.otpMaxAttempts,
      this.clock.now(),
    );
    if (outcome === 'accepted') return;
    await this.contacts.countAttempt(booking.reference, clientIp);
    throw codeNotAccepted();
  }

  private hash(booking: Booking, purpose: CodePurpose, code: string): string {
    return this.cipher.blindIndex(`guest-code:${booking.bookingId}:${purpose}:${code}`);
  }
}
