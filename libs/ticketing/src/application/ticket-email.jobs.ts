import { Inject } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IJobHandler, JOB_SCHEDULER, JobAttempt, JobHandler, JobScheduler } from '@app/jobs';
import { CHANGE_MAIL_PREFIX, CONFIRMATION_MAIL, TicketDelivery } from './ticket-delivery';

export const TICKET_EMAIL_QUEUE = 'ticket-email';

interface TicketEmailJob {
  bookingId: string;
  /** Which delivery: 'confirmation', or a resend's own key (absent on jobs queued before). */
  key?: string;
}

/**
 * E-ticket e-mails as jobs: queued here (by the API's resend endpoints and the worker on
 * confirmation), each delivered with TICKET_EMAIL_ATTEMPTS attempts and exponential backoff
 * from TICKET_EMAIL_BACKOFF_MS; by the worker through BullMQ, or in this process without Redis.
 */
@JobHandler(TICKET_EMAIL_QUEUE)
export class TicketEmailJobs implements IJobHandler<TicketEmailJob> {
  constructor(
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
    private readonly delivery: TicketDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues the mail a confirmation owes (from the worker's subscription, and again from its sweep
   * while it is owed): one job per booking, however often this is called while it exists.
   */
  enqueueConfirmationMail(bookingId: string): Promise<string> {
    return this.enqueue(bookingId, CONFIRMATION_MAIL);
  }

  /** Queues the mail a change of a paid booking owes: one per change (`change` names it). */
  enqueueChangeMail(bookingId: string, change: string): Promise<string> {
    return this.enqueue(bookingId, `${CHANGE_MAIL_PREFIX}${change}`);
  }

  /** Queues a delivery; `key` makes enqueueing the same delivery twice a no-op. Returns the job id. */
  async enqueue(bookingId: string, key: string = randomUUID()): Promise<string> {
    const jobId = `${TICKET_EMAIL_QUEUE}:${bookingId}:${key}`;
    await this.jobs.schedule<TicketEmailJob>(
      TICKET_EMAIL_QUEUE,
      jobId,
      { bookingId, key },
      {
        attempts: this.config.tickets.emailAttempts,
        backoffMs: this.config.tickets.emailBackoffMs,
      },
    );
    return jobId;
  }

  run({ bookingId, key }: TicketEmailJob, { attempt, attempts }: JobAttempt): Promise<void> {
    return this.delivery.deliver(bookingId, { attempt, maxAttempts: attempts, key });
  }
}
