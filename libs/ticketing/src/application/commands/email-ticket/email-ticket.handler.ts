import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BookingReader } from '@app/booking-domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { rateLimited } from '@app/errors';
import { RateLimiter } from '@app/redis';
import { TicketEmailJobs } from '../../ticket-email.jobs';
import { requireTicketable } from '../../ticket-issuer';
import { EmailTicketCommand } from './email-ticket.command';

@CommandHandler(EmailTicketCommand)
export class EmailTicketHandler implements ICommandHandler<EmailTicketCommand, { jobId: string }> {
  constructor(
    private readonly bookings: BookingReader,
    private readonly emails: TicketEmailJobs,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, bookingId }: EmailTicketCommand): Promise<{ jobId: string }> {
    const booking = await this.bookings.findFor(caller, bookingId);
    requireTicketable(booking);
    // Per booking, whoever asks: the mail goes to the contact and every passenger.
    const resend = await this.limiter.consume(
      `ticket-resend:${bookingId}`,
      this.config.tickets.resendsPerHour,
      3600,
    );
    if (!resend.allowed) throw rateLimited(resend.retryAfterSeconds, 'e-mails of this ticket');
    return { jobId: await this.emails.enqueue(bookingId) };
  }
}
