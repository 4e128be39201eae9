import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BookingReader } from '@app/booking-domain';
import { TicketIssuer } from '../../ticket-issuer';
import { GetETicketPreviewQuery } from './get-e-ticket-preview.query';

@QueryHandler(GetETicketPreviewQuery)
export class GetETicketPreviewHandler implements IQueryHandler<GetETicketPreviewQuery, string> {
  constructor(
    private readonly bookings: BookingReader,
    private readonly issuer: TicketIssuer,
  ) {}

  async execute({ caller, bookingId }: GetETicketPreviewQuery): Promise<string> {
    const booking = await this.bookings.findFor(caller, bookingId);
    return this.issuer.html(booking);
  }
}
