import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig, queuePrefix } from '@app/config';
import { bullConnection, closeQuietly } from '@app/redis';
import {
  TICKET_EMAIL_QUEUE,
  TicketDelivery,
  TicketEmailJob,
  TicketNotDeliverable,
} from '@app/ticketing';

/** Delivers queued e-ticket e-mails; BullMQ retries a failed attempt with exponential backoff. */
@Injectable()
export class TicketEmailProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TicketEmail');
  private readonly worker?: Worker<TicketEmailJob>;

  constructor(delivery: TicketDelivery, @Inject(APP_CONFIG) config: AppConfig) {
    if (!config.REDIS_URL) return; // without Redis the queue delivers in process
    this.worker = new Worker<TicketEmailJob>(
      TICKET_EMAIL_QUEUE,
      async (job) => {
        try {
          await delivery.deliver(
            job.data.bookingId,
            job.attemptsMade + 1,
            config.TICKET_EMAIL_ATTEMPTS,
          );
        } catch (error) {
          if (error instanceof TicketNotDeliverable) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection: bullConnection(config.REDIS_URL),
        prefix: queuePrefix(config),
        concurrency: 2,
        autorun: false,
      },
    );
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    void this.worker?.run().catch((error: Error) => this.logger.warn(error.message));
  }

  async onApplicationShutdown(): Promise<void> {
    await closeQuietly(this.worker);
  }
}
