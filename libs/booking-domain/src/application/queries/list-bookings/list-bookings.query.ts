import { Query } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { BookingListFilter } from '../../../infrastructure/booking.repository';
import type { BookingView } from '../../booking.view';

export interface BookingPage {
  items: BookingView[];
  total: number;
  limit: number;
  offset: number;
}

/** A user's booking history (the user themself or an admin). */
export class ListBookingsQuery extends Query<BookingPage> {
  constructor(
    readonly actor: Actor,
    readonly userId: string,
    readonly filter: BookingListFilter,
  ) {
    super();
  }
}
