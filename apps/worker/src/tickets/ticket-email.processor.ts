import { Processor } from '@nestjs/bullmq';
import { JobProcessor } from '@app/jobs';
import { TICKET_EMAIL_QUEUE } from '@app/ticketing';

/**
 * Delivers queued e-ticket e-mails from BullMQ, two at a time (what one does: TicketEmailJobs
 * in ticketing); BullMQ retries a failed attempt with exponential backoff.
 */
@Processor(TICKET_EMAIL_QUEUE, { concurrency: 2, autorun: false })
export class TicketEmailProcessor extends JobProcessor {}
