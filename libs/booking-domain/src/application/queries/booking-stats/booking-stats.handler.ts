import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BookingRepository, BookingStats } from '../../../infrastructure/booking.repository';
import { requireHistoryAccess } from '../../booking-access';
import { BookingStatsQuery } from './booking-stats.query';

@QueryHandler(BookingStatsQuery)
export class BookingStatsHandler implements IQueryHandler<BookingStatsQuery, BookingStats> {
  constructor(private readonly bookings: BookingRepository) {}

  async execute({ actor, userId }: BookingStatsQuery): Promise<BookingStats> {
    requireHistoryAccess(actor, userId);
    return this.bookings.stats({ kind: 'user', id: userId });
  }
}
