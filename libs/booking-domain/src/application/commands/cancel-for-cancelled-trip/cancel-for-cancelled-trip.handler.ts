import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { cancelForCancelledTrip } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { CancelForCancelledTripCommand } from './cancel-for-cancelled-trip.command';

/** Cancels the booking with a full refund and gives its seats back, in one transaction. */
@CommandHandler(CancelForCancelledTripCommand)
export class CancelForCancelledTripHandler implements ICommandHandler<
  CancelForCancelledTripCommand,
  { cancelled: boolean }
> {
  constructor(private readonly writer: BookingWriter) {}

  async execute({ bookingId }: CancelForCancelledTripCommand): Promise<{ cancelled: boolean }> {
    const { events } = await this.writer.change(
      bookingId,
      SYSTEM_ACTOR,
      (current, now) => ({
        events: cancelForCancelledTrip({ bookingId }, current, { now }),
        seats: { kind: 'release', reason: 'cancelled' },
      }),
      { reason: 'trip cancelled' },
    );
    return { cancelled: events.length > 0 };
  }
}
