import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BookingRepository, requireBookingAccess } from '@app/booking-domain';
import { TicketIssuer } from '../../ticket-issuer';
import { GetETicketPreviewQuery } from './get-e-ticket-preview.query';

@QueryHandler(GetETicketPreviewQuery)
export class GetETicketPreviewHandler implements IQueryHandler<GetETicketPreviewQuery, string> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly issuer: TicketIssuer,
  ) {}

  async execute({ caller, bookingId }: GetETicketPreviewQuery): Promise<string> {
    const booking = requireBookingAccess(caller, await this.bookings.find(bookingId), bookingId);
    return this.issuer.html(booking);
  }
}
