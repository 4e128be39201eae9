import { Query } from '@nestjs/cqrs';
import type { TripView } from '../../views';

export class GetTripQuery extends Query<TripView> {
  constructor(readonly tripId: string) {
    super();
  }
}
