import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { expireBooking } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { ExpireBookingCommand } from './expire-booking.command';

@CommandHandler(ExpireBookingCommand)
export class ExpireBookingHandler implements ICommandHandler<
  ExpireBookingCommand,
  { expired: boolean }
> {
  constructor(private readonly writer: BookingWriter) {}

  async execute({ bookingId }: ExpireBookingCommand): Promise<{ expired: boolean }> {
    const { events } = await this.writer.change(
      bookingId,
      SYSTEM_ACTOR,
      (booking, now) => ({
        events: expireBooking({ bookingId }, booking, { now }),
        seats: { kind: 'release', reason: 'expired' },
      }),
      { reason: 'payment window closed' },
    );
    return { expired: events.length > 0 };
  }
}
