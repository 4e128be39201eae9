import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { boardPassenger } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { BoardPassengerCommand } from './board-passenger.command';

@CommandHandler(BoardPassengerCommand)
export class BoardPassengerHandler implements ICommandHandler<
  BoardPassengerCommand,
  { boardedAt: string }
> {
  constructor(private readonly writer: BookingWriter) {}

  async execute({ caller, bookingId, seatNumber }: BoardPassengerCommand) {
    const { events } = await this.writer.change(bookingId, caller, (booking, now) => ({
      events: boardPassenger(booking, seatNumber, now),
      seats: { kind: 'none' },
    }));
    const [boarded] = events;
    return { boardedAt: boarded.type === 'PassengerBoarded' ? boarded.data.boardedAt : '' };
  }
}
