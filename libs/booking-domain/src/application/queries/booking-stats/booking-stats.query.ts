import { Query } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { BookingStats } from '../../../infrastructure/booking.repository';

export class BookingStatsQuery extends Query<BookingStats> {
  constructor(
    readonly actor: Actor,
    readonly userId: string,
  ) {
    super();
  }
}
