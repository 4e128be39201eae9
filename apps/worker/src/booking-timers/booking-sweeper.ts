import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BookingReader, CompleteBookingCommand, ExpireBookingCommand } from '@app/booking-domain';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PeriodicSweep } from '@app/jobs';

const BATCH = 500;

/**
 * Every SWEEP_INTERVAL_SECONDS: expires pending bookings past their payment window and completes
 * confirmed ones whose trip has arrived, when their job was lost (Redis down, worker restarted)
 * or could not be timed (far in the future); deletes guests' one-time codes that can no longer
 * be used. Idempotent, safe with several workers.
 */
@Injectable()
export class BookingSweeper extends PeriodicSweep<{ expired: number; completed: number }> {
  private readonly logger = new Logger('BookingSweeper');

  constructor(
    private readonly bookings: BookingReader,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.worker.sweepIntervalSeconds);
  }

  protected async sweepOnce(): Promise<{ expired: number; completed: number }> {
    let expired = 0;
    let completed = 0;
    try {
      const now = this.clock.now();
      for (const { bookingId } of await this.bookings.overdue(now, BATCH)) {
        const result = await this.commands.execute(new ExpireBookingCommand(bookingId));
        if (result.expired) expired++;
      }
      for (const { bookingId } of await this.bookings.arrived(now, BATCH)) {
        const result = await this.commands.execute(new CompleteBookingCommand(bookingId));
        if (result.completed) completed++;
      }
      await this.bookings.deleteExpiredAccessCodes(now);
      if (expired + completed > 0) {
        this.logger.log(`expired ${expired}, completed ${completed} booking(s)`);
      }
    } catch (error) {
      this.logger.warn(`sweep failed, will try again: ${(error as Error).message}`);
    }
    return { expired, completed };
  }
}
