import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { hasRole, isAdmin } from '@app/auth';
import { BoardPassengerCommand, BookingReader } from '@app/booking-domain';
import { DomainError } from '@app/errors';
import { TicketSigner } from '../../../infrastructure/ticket-signer';
import { TicketCheck, TicketRefusal, VerifyTicketCommand } from './verify-ticket.command';

const REASONS: Record<string, TicketRefusal> = {
  pending: 'ticket.not_paid',
  cancelled: 'ticket.void',
  completed: 'ticket.trip_completed',
};

@CommandHandler(VerifyTicketCommand)
export class VerifyTicketHandler implements ICommandHandler<VerifyTicketCommand, TicketCheck> {
  constructor(
    private readonly signer: TicketSigner,
    private readonly bookings: BookingReader,
    private readonly commands: CommandBus,
  ) {}

  async execute(command: VerifyTicketCommand): Promise<TicketCheck> {
    const staff = isAdmin(command.actor) || hasRole(command.actor, 'driver');
    if (command.board && !staff) {
      throw new DomainError('auth.forbidden', 'Boarding needs the driver or admin role.');
    }
    const check = await this.check(command);
    // Who travels, on which booking and in which state is for the crew; anyone else learns only
    // whether the ticket is valid.
    return staff ? check : { valid: check.valid };
  }

  private async check({
    actor,
    payload,
    board,
    tripId,
  }: VerifyTicketCommand): Promise<TicketCheck> {
    const claims = this.signer.verify(payload);
    if (!claims) return this.refuse(board, { valid: false, reason: 'ticket.signature_invalid' });
    const booking = await this.bookings.find(claims.bid);
    const passenger = booking?.passengers.find((p) =>
      claims.tid ? p.passengerId === claims.tid : p.seatNumber === claims.seat,
    );
    const check: TicketCheck = {
      valid: false,
      ticket: {
        reference: claims.ref,
        bookingId: claims.bid,
        tripId: claims.trip,
        // The booking's departure now (a delay moves it), not the one printed at issue.
        departureAt: booking?.departureAt ?? claims.dep,
        seatNumber: claims.seat,
        passengerIndex: claims.pax,
        ...(passenger
          ? { fullName: passenger.fullName, passengerType: passenger.passengerType }
          : {}),
        ...(booking ? { bookingStatus: booking.status } : {}),
        boarded: !!booking?.boarded?.includes(claims.seat),
      },
    };
    if (!booking || booking.reference !== claims.ref || booking.tripId !== claims.trip) {
      return this.refuse(board, { ...check, reason: 'ticket.unknown' });
    }
    if (tripId && tripId !== claims.trip)
      return this.refuse(board, { ...check, reason: 'ticket.other_trip' });
    if (booking.status !== 'confirmed') {
      return this.refuse(board, {
        ...check,
        reason: REASONS[booking.status] ?? 'ticket.not_valid',
      });
    }
    const cancelled = (booking.passengerCancellations ?? []).some((c) =>
      claims.tid ? c.passengerId === claims.tid : !passenger && c.seatNumber === claims.seat,
    );
    // A ticket of an earlier revision (the passenger changed seats since) is revoked too.
    const superseded =
      claims.tid !== undefined &&
      passenger !== undefined &&
      (passenger.ticketRevision ?? 1) !== (claims.rev ?? 1);
    if (cancelled || superseded) return this.refuse(board, { ...check, reason: 'ticket.revoked' });
    if (
      !passenger ||
      passenger.seatNumber !== claims.seat ||
      (!claims.tid && booking.passengers.indexOf(passenger) !== claims.pax)
    ) {
      return this.refuse(board, { ...check, reason: 'ticket.seat_changed' });
    }
    if (!board) return { ...check, valid: true };
    const { boardedAt } = await this.commands.execute(
      new BoardPassengerCommand(actor, booking.bookingId, claims.seat),
    );
    return { ...check, valid: true, ticket: { ...check.ticket!, boarded: true }, boardedAt };
  }

  /** Checking answers what is wrong; boarding on a bad ticket is refused outright. */
  private refuse(board: boolean, check: TicketCheck): TicketCheck {
    if (!board) return check;
    throw new DomainError(
      check.reason!,
      `This ticket cannot board: ${check.reason!.replace('ticket.', '').replace(/_/g, ' ')}.`,
      { extensions: { ticket: check.ticket } },
    );
  }
}
