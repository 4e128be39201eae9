import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { rescheduleForDelayedTrip } from '../../../domain/booking.decide';
import { BookingWriter } from '../../booking.writer';
import { RescheduleForDelayedTripCommand } from './reschedule-for-delayed-trip.command';

@CommandHandler(RescheduleForDelayedTripCommand)
export class RescheduleForDelayedTripHandler implements ICommandHandler<
  RescheduleForDelayedTripCommand,
  { rescheduled: boolean }
> {
  constructor(
    private readonly writer: BookingWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ delay }: RescheduleForDelayedTripCommand): Promise<{ rescheduled: boolean }> {
    const { paymentWindowSeconds } = this.config.booking;
    const { events } = await this.writer.change(
      delay.bookingId,
      SYSTEM_ACTOR,
      (current, now) => ({
        events: rescheduleForDelayedTrip(delay, current, { now, paymentWindowSeconds }),
        seats: { kind: 'none' },
      }),
      { reason: 'trip delayed' },
    );
    return { rescheduled: events.length > 0 };
  }
}
