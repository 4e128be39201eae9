import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  BookingRepository,
  CompleteBookingCommand,
  ExpireBookingCommand,
} from '@app/booking-domain';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';

const BATCH = 500;

/**
 * Every SWEEP_INTERVAL_SECONDS: expires pending bookings past their payment window and completes
 * confirmed ones whose trip has arrived, when their job was lost (Redis down, worker restarted)
 * or could not be timed (far in the future). Idempotent, safe with several workers.
 */
@Injectable()
export class BookingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BookingSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<{ expired: number; completed: number }>;

  constructor(
    private readonly bookings: BookingRepository,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
    void this.sweep();
  }

  sweep(): Promise<{ expired: number; completed: number }> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<{ expired: number; completed: number }> {
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
      if (expired + completed > 0) {
        this.logger.log(`expired ${expired}, completed ${completed} booking(s)`);
      }
    } catch (error) {
      this.logger.warn(`sweep failed, will try again: ${(error as Error).message}`);
    }
    return { expired, completed };
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
