import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { eventActorOf, SYSTEM_ACTOR } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { claimBooking } from '../../../domain/booking.decide';
import { Booking } from '../../../domain/booking.state';
import { requireHistoryAccess } from '../../booking-access';
import { BookingWriter } from '../../booking.writer';
import { bookingView } from '../../booking.view';
import { codeNotAccepted, GuestAccessCodes } from '../../guest-access-codes';
import { GuestContactCheck, noMatchingBooking } from '../../guest-contact.check';
import { ClaimGuestBookingCommand, GuestClaim } from './claim-guest-booking.command';

/**
 * The e-mail address of the booking's contact is the proof (and a code sent to it, with
 * GUEST_OTP_REQUIRED), with the same attempt budget as guest lookups. From then on the booking
 * is the user's: in their history, theirs to change; access tokens given to guests before keep
 * working for it.
 */
@CommandHandler(ClaimGuestBookingCommand)
export class ClaimGuestBookingHandler implements ICommandHandler<
  ClaimGuestBookingCommand,
  GuestClaim
> {
  constructor(
    private readonly contacts: GuestContactCheck,
    private readonly codes: GuestAccessCodes,
    private readonly writer: BookingWriter,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: ClaimGuestBookingCommand): Promise<GuestClaim> {
    const { actor, userId, reference, email, code, clientIp } = command;
    requireHistoryAccess(actor, userId);
    const booking = await this.contacts.find(reference, { email }, clientIp, {
      guestCheckoutOnly: true,
    });
    if (!this.config.GUEST_OTP_REQUIRED) {
      if (!booking) throw noMatchingBooking();
      return this.claim(booking, command);
    }
    if (code === undefined) {
      if (booking) await this.codes.send(booking, 'claim', clientIp);
      return { status: 'code_sent', expiresInSeconds: this.config.GUEST_OTP_TTL_SECONDS };
    }
    if (!booking) throw codeNotAccepted();
    await this.codes.redeem(booking, 'claim', code, clientIp);
    return this.claim(booking, command);
  }

  private async claim(
    found: Booking,
    { actor, userId }: ClaimGuestBookingCommand,
  ): Promise<GuestClaim> {
    // The caller proved the contact, not ownership: the change runs as the system, recorded
    // under the caller's name.
    const { booking } = await this.writer.change(
      found.bookingId,
      SYSTEM_ACTOR,
      (current, now) => ({ events: claimBooking(current, userId, now), seats: { kind: 'none' } }),
      { actor: eventActorOf(actor) },
    );
    const trip = await this.seats.trip(booking.tripId);
    return { status: 'claimed', booking: bookingView(booking, trip, actor, this.cipher) };
  }
}
