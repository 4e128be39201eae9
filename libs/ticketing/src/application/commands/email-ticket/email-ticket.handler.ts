import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BookingRepository, requireBookingAccess } from '@app/booking-domain';
import { TicketEmailQueue } from '../../../infrastructure/ticket-email.queue';
import { requireTicketable } from '../../ticket-issuer';
import { EmailTicketCommand } from './email-ticket.command';

@CommandHandler(EmailTicketCommand)
export class EmailTicketHandler implements ICommandHandler<EmailTicketCommand, { jobId: string }> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly emails: TicketEmailQueue,
  ) {}

  async execute({ caller, bookingId }: EmailTicketCommand): Promise<{ jobId: string }> {
    const booking = requireBookingAccess(caller, await this.bookings.find(bookingId), bookingId);
    requireTicketable(booking);
    return { jobId: await this.emails.enqueue(bookingId) };
  }
}
