import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GuestTokenIssuer } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: VerifyGuestAccessCommand): Promise<GuestVerification> {
    const proof = await this.proofs.prove(command, 'access');
    if (!proof.proved) return { status: 'code_sent', expiresInSeconds: proof.codeSentForSeconds };
    return this.grant(proof.booking, command, proof.viaCode);
  }
  private async grant(
    booking: Booking,
    { contact }: VerifyGuestAccessCommand,
    viaCode: boolean,
  ): Promise<GuestVerification> {
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
