import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, queuePrefix } from '@app/config';
import { bullConnection, closeQuietly } from '@app/redis';
import { TicketDelivery, TicketNotDeliverable } from '../application/ticket-delivery';

export const TICKET_EMAIL_QUEUE = 'ticket-email';

export interface TicketEmailJob {
  bookingId: string;
}

/**
 * Queues e-ticket e-mails: BullMQ jobs (retried with exponential backoff, processed by the
 * worker) when Redis is configured; otherwise, or while Redis is unreachable, delivered in this
 * process with the same retries.
 */
@Injectable()
export class TicketEmailQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('TicketEmail');
  private queue?: Queue<TicketEmailJob>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly delivery: TicketDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Connected on first use: an API instance that never sends tickets holds no connection. */
  private bullQueue(): Queue<TicketEmailJob> | undefined {
    if (!this.config.REDIS_URL || this.closed) return undefined;
    if (!this.queue) {
      this.queue = new Queue<TicketEmailJob>(TICKET_EMAIL_QUEUE, {
        connection: bullConnection(this.config.REDIS_URL),
        prefix: queuePrefix(this.config),
        defaultJobOptions: this.jobOptions(),
      });
      this.queue.on('error', (error) => this.logger.warn(`queue: ${error.message}`));
    }
    return this.queue;
  }

  jobOptions() {
    return {
      attempts: this.config.TICKET_EMAIL_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.TICKET_EMAIL_BACKOFF_MS },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    };
  }

  /** Queues a delivery; `key` makes enqueueing the same delivery twice a no-op. Returns the job id. */
  async enqueue(bookingId: string, key: string = randomUUID()): Promise<string> {
    const jobId = `ticket-email:${bookingId}:${key}`;
    const queue = this.bullQueue();
    if (queue) {
      try {
        await (queue as Queue).add('deliver', { bookingId }, { jobId });
        return jobId;
      } catch (error) {
        this.logger.warn(`Redis unavailable, delivering in process: ${(error as Error).message}`);
      }
    }
    this.runInProcess(bookingId, 1);
    return jobId;
  }

  private runInProcess(bookingId: string, attempt: number): void {
    if (this.closed) return;
    const max = this.config.TICKET_EMAIL_ATTEMPTS;
    this.delivery.deliver(bookingId, attempt, max).catch((error: unknown) => {
      if (attempt >= max || this.closed || error instanceof TicketNotDeliverable) return;
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.runInProcess(bookingId, attempt + 1);
        },
        this.config.TICKET_EMAIL_BACKOFF_MS * 2 ** (attempt - 1),
      );
      timer.unref();
      this.timers.add(timer);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    await closeQuietly(this.queue);
  }
}
