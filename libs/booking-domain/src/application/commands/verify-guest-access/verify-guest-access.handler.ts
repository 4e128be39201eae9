import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GuestTokenIssuer } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ANY_VERSION, PostgresEventStore } from '@app/event-store';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { BookingEvent, bookingStreamId } from '../../../domain/booking.events';
import { Booking, evolve } from '../../../domain/booking.state';
import { bookingView } from '../../booking.view';
import { codeNotAccepted, GuestAccessCodes } from '../../guest-access-codes';
import { GuestContactCheck, noMatchingBooking } from '../../guest-contact.check';
import { GuestVerification, VerifyGuestAccessCommand } from './verify-guest-access.command';

/**
 * Without GUEST_OTP_REQUIRED the reference and contact are the proof. With it, a first call
 * sends a code and answers "code sent" whether or not anything matched (nothing to learn from
 * it); the second call, with the code, gets the token. Every failure counts against the
 * reference's and the address's attempt budget.
 */
@CommandHandler(VerifyGuestAccessCommand)
export class VerifyGuestAccessHandler implements ICommandHandler<
  VerifyGuestAccessCommand,
  GuestVerification
> {
  constructor(
    private readonly contacts: GuestContactCheck,
    private readonly codes: GuestAccessCodes,
    private readonly tokens: GuestTokenIssuer,
    private readonly eventStore: PostgresEventStore,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: VerifyGuestAccessCommand): Promise<GuestVerification> {
    const { reference, contact, code, clientIp } = command;
    const booking = await this.contacts.find(reference, contact, clientIp, {
      guestCheckoutOnly: true,
    });
    if (!this.config.GUEST_OTP_REQUIRED) {
      if (!booking) throw noMatchingBooking();
      return this.grant(booking, command, false);
    }
    if (code === undefined) {
      if (booking) await this.codes.send(booking, 'access', clientIp);
      return { status: 'code_sent', expiresInSeconds: this.config.GUEST_OTP_TTL_SECONDS };
    }
    if (!booking) throw codeNotAccepted();
    await this.codes.redeem(booking, 'access', code, clientIp);
    return this.grant(booking, command, true);
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
