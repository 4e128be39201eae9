import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobProcessor } from '@app/jobs';
import { TICKET_EMAIL_QUEUE } from '@app/ticketing';

/**
 * Delivers queued e-ticket e-mails from BullMQ, TICKET_EMAIL_CONCURRENCY at a time (what one
 * does: TicketEmailJobs in ticketing): more than the PDF render threads, so that they keep busy
 * while other deliveries wait on SMTP or the database. BullMQ retries a failed attempt with
 * exponential backoff.
 */
@Processor(TICKET_EMAIL_QUEUE, { autorun: false })
export class TicketEmailProcessor extends JobProcessor {
  // A property: the constructor's parameters are JobProcessor's, which keeps them to itself.
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  protected override concurrency(): number {
    return this.config.tickets.emailConcurrency;
  }
}
