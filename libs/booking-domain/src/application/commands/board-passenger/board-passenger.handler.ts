import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
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
  constructor(
    private readonly writer: BookingWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, bookingId, seatNumber }: BoardPassengerCommand) {
    if (!isSystem(caller) && !isAdmin(caller) && !hasRole(caller, 'driver')) {
      throw new DomainError('auth.forbidden', 'Boarding needs the driver or admin role.');
    }
    const { events } = await this.writer.change(
      bookingId,
      SYSTEM_ACTOR,
      (booking, now) => ({
        events: boardPassenger({ bookingId, seatNumber }, booking, {
          now,
          boardingWindow: {
            minutesBefore: this.config.boarding.windowMinutesBefore,
            minutesAfter: this.config.boarding.windowMinutesAfter,
          },
        }),
        seats: { kind: 'none' },
      }),
      { actor: callerRef(caller), reason: 'ticket scanned' },
    );
    const [boarded] = events;
    return { boardedAt: boarded.type === 'PassengerBoarded' ? boarded.data.boardedAt : '' };
  }
}
