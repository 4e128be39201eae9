import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BookingReader } from '@app/booking-domain';
import { TicketIssuer } from '../../ticket-issuer';
import { IssueETicketCommand, IssuedTicket } from './issue-e-ticket.command';

@CommandHandler(IssueETicketCommand)
export class IssueETicketHandler implements ICommandHandler<IssueETicketCommand, IssuedTicket> {
  constructor(
    private readonly bookings: BookingReader,
    private readonly issuer: TicketIssuer,
  ) {}

  async execute({ caller, bookingId }: IssueETicketCommand): Promise<IssuedTicket> {
    const booking = await this.bookings.findFor(caller, bookingId);
    const { pdf, generatedAt } = await this.issuer.pdf(booking);
    return { reference: booking.reference, pdf, generatedAt };
  }
}
