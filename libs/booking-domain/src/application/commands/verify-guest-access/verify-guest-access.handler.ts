import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GuestTokenIssuer, SYSTEM_ACTOR } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { rateLimited } from '@app/errors';
import { RateLimiter } from '@app/redis';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { grantGuestAccess } from '../../../domain/booking.decide';
import { Booking } from '../../../domain/booking.state';
import { BookingWriter } from '../../booking.writer';
import { bookingView } from '../../booking.view';
import { GuestContactProof } from '../../guest-contact.proof';
import { GuestVerification, VerifyGuestAccessCommand } from './verify-guest-access.command';

/** See GuestContactProof for what proves a contact; the proof earns a token for one booking. */
@CommandHandler(VerifyGuestAccessCommand)
export class VerifyGuestAccessHandler implements ICommandHandler<
  VerifyGuestAccessCommand,
  GuestVerification
> {
  constructor(
    private readonly proofs: GuestContactProof,
    private readonly tokens: GuestTokenIssuer,
    private readonly writer: BookingWriter,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: VerifyGuestAccessCommand): Promise<GuestVerification> {
    // A booking claimed by a user is theirs: opened by signing in, not by its contact.
    const proof = await this.proofs.prove(command, 'access', { among: 'guest-owned' });
    if (!proof.proved) return { status: 'code_sent', expiresInSeconds: proof.codeSentForSeconds };
    return this.grant(proof.booking, command, proof.viaCode);
  }
  private async grant(
    booking: Booking,
    { contact }: VerifyGuestAccessCommand,
    viaCode: boolean,
  ): Promise<GuestVerification> {
    // Each grant is an event in the booking's history: bounded per booking, like the failures.
    const granted = await this.limiter.consume(
      `guest-access:granted:${booking.bookingId}`,
      this.config.guests.accessGrantsPerWindow,
      this.config.guests.lookupWindowSeconds,
    );
    if (!granted.allowed)
      throw rateLimited(granted.retryAfterSeconds, 'access tokens for this booking');
    const { accessToken, expiresAt, actor } = await this.tokens.grantBookingAccess({
      bookingId: booking.bookingId,
      viaCode,
    });
    const proved = 'email' in contact ? 'email' : 'phone';
    const { booking: after } = await this.writer.change(
      booking.bookingId,
      SYSTEM_ACTOR,
      (current, now) => ({
        events: grantGuestAccess(
          { bookingId: current.bookingId, contact: proved, viaCode, expiresAt },
          current,
          { now },
        ),
        seats: { kind: 'none' },
      }),
      { actor: { kind: 'guest', id: actor.id } },
    );
    const trip = await this.seats.trip(booking.tripId);
    return {
      status: 'verified',
      booking: bookingView(after, trip, actor, this.cipher),
      accessToken,
      expiresAt,
    };
  }
}
