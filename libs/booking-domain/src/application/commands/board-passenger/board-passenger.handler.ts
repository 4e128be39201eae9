import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef, hasRole, isAdmin, isSystem, SYSTEM_ACTOR } from '@app/auth';
import { DomainError } from '@app/errors';
import { boardPassenger } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { BoardPassengerCommand } from './board-passenger.command';

/** Drivers and admins board passengers of any booking; the event records who did. */
@CommandHandler(BoardPassengerCommand)
export class BoardPassengerHandler implements ICommandHandler<
  BoardPassengerCommand,
  { boardedAt: string }
> {
  constructor(private readonly writer: BookingWriter) {}

  async execute({ caller, bookingId, seatNumber }: BoardPassengerCommand) {
    if (!isSystem(caller) && !isAdmin(caller) && !hasRole(caller, 'driver')) {
      throw new DomainError('auth.forbidden', 'Boarding needs the driver or admin role.');
    }
    const { events } = await this.writer.change(
      bookingId,
      SYSTEM_ACTOR,
      (booking, now) => ({
        events: boardPassenger({ bookingId, seatNumber }, booking, { now }),
        seats: { kind: 'none' },
      }),
      { actor: callerRef(caller), reason: 'ticket scanned' },
    );
    const [boarded] = events;
    return { boardedAt: boarded.type === 'PassengerBoarded' ? boarded.data.boardedAt : '' };
  }
}
