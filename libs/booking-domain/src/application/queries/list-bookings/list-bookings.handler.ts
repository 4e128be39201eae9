import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { normalizeReference } from '../../../domain/booking-reference';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { requireHistoryAccess } from '../../booking-access';
import { bookingView } from '../../booking.view';
import { BookingPage, ListBookingsQuery } from './list-bookings.query';

@QueryHandler(ListBookingsQuery)
export class ListBookingsHandler implements IQueryHandler<ListBookingsQuery, BookingPage> {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, userId, filter }: ListBookingsQuery): Promise<BookingPage> {
    requireHistoryAccess(actor, userId);
    const { items, total } = await this.bookings.list(
      { kind: 'user', id: userId },
      { ...filter, q: filter.q ? normalizeReference(filter.q) : undefined },
      this.clock.now(),
    );
    const views = await Promise.all(
      items.map(async (booking) =>
        bookingView(booking, await this.seats.trip(booking.tripId), actor, this.cipher),
      ),
    );
    return { items: views, total, limit: filter.limit, offset: filter.offset };
  }
}
