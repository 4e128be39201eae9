import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CompleteBookingCommand, ExpireBookingCommand } from '@app/booking-domain';
import { APP_CONFIG, AppConfig, queuePrefix } from '@app/config';
import { DelayedJobs } from '../jobs/delayed-jobs';

interface BookingJob {
  bookingId: string;
}

/**
 * The booking sagas' clocks: a pending booking expires when its payment window closes, a
 * confirmed one completes when its trip arrives.
 */
@Injectable()
export class BookingTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly expiry: DelayedJobs<BookingJob>;
  readonly completion: DelayedJobs<BookingJob>;

  constructor(commands: CommandBus, @Inject(APP_CONFIG) config: AppConfig) {
    this.expiry = new DelayedJobs<BookingJob>({
      queue: 'booking-expiry',
      label: 'booking expiry',
      subjectOf: (job) => job.bookingId,
      run: async ({ bookingId }) => {
        await commands.execute(new ExpireBookingCommand(bookingId));
      },
      redisUrl: config.REDIS_URL,
      prefix: queuePrefix(config),
    });
    this.completion = new DelayedJobs<BookingJob>({
      queue: 'booking-completion',
      label: 'booking completion',
      subjectOf: (job) => job.bookingId,
      run: async ({ bookingId }) => {
        await commands.execute(new CompleteBookingCommand(bookingId));
      },
      redisUrl: config.REDIS_URL,
      prefix: queuePrefix(config),
    });
  }

  onApplicationBootstrap(): void {
    this.expiry.start();
    this.completion.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.expiry.close(), this.completion.close()]);
  }
}
