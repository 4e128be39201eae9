import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { BookingView } from '../../booking.view';

export type GuestClaim =
  { status: 'code_sent'; expiresInSeconds: number } | { status: 'claimed'; booking: BookingView };

/** A registered user takes a booking made at guest checkout into their account. */
export class ClaimGuestBookingCommand extends Command<GuestClaim> {
  constructor(
    readonly actor: Actor,
    readonly userId: string,
    readonly reference: string,
    readonly email: string,
    /** Needed (after a first call sent it) when GUEST_OTP_REQUIRED. */
    readonly code: string | undefined,
    readonly clientIp: string,
  ) {
    super();
  }
}
