import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { eventActorOf, SYSTEM_ACTOR } from '@app/auth';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { normalizeEmail } from '../../../domain/booking-request';
import { claimBooking } from '../../../domain/booking.decide';
import { Booking } from '../../../domain/booking.state';
import { requireHistoryAccess } from '../../booking-access';
import { BookingWriter } from '../../booking.writer';
import { bookingView } from '../../booking.view';
import { GuestContactProof } from '../../guest-contact.proof';
import { ClaimGuestBookingCommand, GuestClaim } from './claim-guest-booking.command';

/**
 * The contact e-mail is the proof (see GuestContactProof and below), with the same attempt
 * budget as guest lookups. From then on the booking is the user's: in their history, theirs to
 * change; access tokens given to guests before no longer open it (see booking-access.ts).
 */
@CommandHandler(ClaimGuestBookingCommand)
export class ClaimGuestBookingHandler implements ICommandHandler<
  ClaimGuestBookingCommand,
  GuestClaim
> {
  constructor(
    private readonly proofs: GuestContactProof,
    private readonly writer: BookingWriter,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
  ) {}

  async execute(command: ClaimGuestBookingCommand): Promise<GuestClaim> {
    const { actor, userId, reference, email, code, clientIp } = command;
    requireHistoryAccess(actor, userId);
    // Knowing a reference and an e-mail address is not enough to take a booking over (and see
    // its passengers' data): the account's own address must be the contact's, as the auth
    // service vouches for it, or a code sent to the contact must come back.
    const accountIsContact =
      actor.email !== undefined && normalizeEmail(actor.email) === normalizeEmail(email);
    const proof = await this.proofs.prove(
      { reference, contact: { email }, code, clientIp },
      'claim',
      {
        among: 'guest-checkout',
        codeRequired: !accountIsContact,
      },
    );
    if (!proof.proved) return { status: 'code_sent', expiresInSeconds: proof.codeSentForSeconds };
    return this.claim(proof.booking, command);
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
      (current, now) => ({
        events: claimBooking({ bookingId: current.bookingId, userId }, current, { now }),
        seats: { kind: 'none' },
      }),
      { actor: eventActorOf(actor) },
    );
    const trip = await this.seats.trip(booking.tripId);
    return { status: 'claimed', booking: bookingView(booking, trip, actor, this.cipher) };
  }
}
