import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { completeBooking } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { CompleteBookingCommand } from './complete-booking.command';

@CommandHandler(CompleteBookingCommand)
export class CompleteBookingHandler implements ICommandHandler<
  CompleteBookingCommand,
  { completed: boolean }
> {
  constructor(private readonly writer: BookingWriter) {}

  async execute({ bookingId }: CompleteBookingCommand): Promise<{ completed: boolean }> {
    const { events } = await this.writer.change(
      bookingId,
      SYSTEM_ACTOR,
      (booking, now) => ({
        events: completeBooking({ bookingId }, booking, { now }),
        seats: { kind: 'none' },
      }),
      { reason: 'trip arrived' },
    );
    return { completed: events.length > 0 };
  }
}
