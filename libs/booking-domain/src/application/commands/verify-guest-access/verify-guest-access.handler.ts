import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GuestTokenIssuer } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { rateLimited } from '@app/errors';
import { RateLimiter } from '@app/redis';
import { ANY_VERSION, PostgresEventStore } from '@app/event-store';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { BookingEvent, bookingStreamId } from '../../../domain/booking.events';
import { Booking, evolve } from '../../../domain/booking.state';
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
    private readonly eventStore: PostgresEventStore,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
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
      this.config.GUEST_ACCESS_GRANTS_PER_WINDOW,
      this.config.GUEST_LOOKUP_WINDOW_SECONDS,
    );
    if (!granted.allowed)
      throw rateLimited(granted.retryAfterSeconds, 'access tokens for this booking');
    const { accessToken, expiresAt, actor } = await this.tokens.grantBookingAccess({
      bookingId: booking.bookingId,
      viaCode,
    });
    const event: BookingEvent = {
      type: 'GuestAccessGranted',
      data: {
        bookingId: booking.bookingId,
        contact: 'email' in contact ? 'email' : 'phone',
        viaCode,
        expiresAt,
        grantedAt: this.clock.now().toISOString(),
      },
    };
    await this.eventStore.append(bookingStreamId(booking.bookingId), ANY_VERSION, [event], {
      metadata: { actor: { kind: 'guest', id: actor.id }, correlationId: booking.bookingId },
    });
    const trip = await this.seats.trip(booking.tripId);
    return {
      status: 'verified',
      booking: bookingView(evolve(booking, event), trip, actor, this.cipher),
      accessToken,
      expiresAt,
    };
  }
}
