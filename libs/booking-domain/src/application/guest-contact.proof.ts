import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Booking } from '../domain/booking.state';
import { CodePurpose } from '../infrastructure/guest-access-code.store';
import { codeNotAccepted, GuestAccessCodes } from './guest-access-codes';
import { GuestContact, GuestContactCheck, noMatchingBooking } from './guest-contact.check';

export type ContactProof =
  | { proved: true; booking: Booking; viaCode: boolean }
  | { proved: false; codeSentForSeconds: number };

/**
 * How a guest proves a guest booking's contact. Without a code required, the reference and
 * contact are the proof. With one, a first request sends a code and answers "code sent" whether
 * or not anything matched; a second one, with the code, is the proof. Every failure counts
 * against the reference's and the address's budget.
 */
@Injectable()
export class GuestContactProof {
  constructor(
    private readonly contacts: GuestContactCheck,
    private readonly codes: GuestAccessCodes,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prove(
    request: { reference: string; contact: GuestContact; code?: string; clientIp: string },
    purpose: CodePurpose,
    rules: {
      among: 'guest-owned' | 'guest-checkout';
      /** A code sent to the contact is needed; by default when GUEST_OTP_REQUIRED. */
      codeRequired?: boolean;
    },
  ): Promise<ContactProof> {
    const { reference, contact, code, clientIp } = request;
    const booking = await this.contacts.find(reference, contact, clientIp, rules.among);
    if (!(rules.codeRequired ?? this.config.guests.otpRequired)) {
      if (!booking) throw noMatchingBooking();
      return { proved: true, booking, viaCode: false };
    }
    if (code === undefined) {
      if (booking) await this.codes.send(booking, purpose, clientIp);
      return { proved: false, codeSentForSeconds: this.config.guests.otpTtlSeconds };
    }
    if (!booking) throw codeNotAccepted();
    await this.codes.redeem(booking, purpose, code, clientIp);
    return { proved: true, booking, viaCode: true };
  }
}
