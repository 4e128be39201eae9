import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { isAdmin, isSystem } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { cancelBooking } from '../../../domain/booking.decide';
import { refundPolicyOf } from '../../booking-policy';
import { BookingWriter } from '../../booking.writer';
import { CancelBookingCommand, CancellationView } from './cancel-booking.command';

/** Cancels and gives the seats back at once, in one transaction. */
@CommandHandler(CancelBookingCommand)
export class CancelBookingHandler implements ICommandHandler<
  CancelBookingCommand,
  CancellationView
> {
  constructor(
    private readonly writer: BookingWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, bookingId, reason }: CancelBookingCommand): Promise<CancellationView> {
    const cancelledBy = isSystem(caller) ? 'system' : isAdmin(caller) ? 'admin' : 'owner';
    const { booking } = await this.writer.change(
      bookingId,
      caller,
      (current, now) => ({
        events: cancelBooking({ bookingId, reason, cancelledBy }, current, {
          now,
          refundPolicy: refundPolicyOf(this.config.booking),
        }),
        seats: { kind: 'release', reason: 'cancelled' },
      }),
      { reason },
    );
    const cancellation = booking.cancellation!;
    return {
      bookingId,
      status: 'cancelled',
      reason: cancellation.reason,
      refund: cancellation.refund,
      paymentStatus: booking.paymentStatus,
      cancelledAt: cancellation.cancelledAt,
    };
  }
}
