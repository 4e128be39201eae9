import { Command } from '@nestjs/cqrs';
import type { BookingView } from '../../booking.view';
import type { GuestContact } from '../../guest-contact.check';

export type GuestVerification =
  | { status: 'code_sent'; expiresInSeconds: number }
  | { status: 'verified'; booking: BookingView; accessToken: string; expiresAt: string };

/**
 * A guest proves a booking's contact (and, with GUEST_OTP_REQUIRED, a code e-mailed to it) and
 * gets an access token for that booking only.
 */
export class VerifyGuestAccessCommand extends Command<GuestVerification> {
  constructor(
    readonly reference: string,
    readonly contact: GuestContact,
    readonly code: string | undefined,
    readonly clientIp: string,
  ) {
    super();
  }
}
