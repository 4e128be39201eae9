import { Query } from '@nestjs/cqrs';
import type { SeatMapView } from '../../views';

export class GetSeatMapQuery extends Query<SeatMapView> {
  /** `holderId`: the caller's user or guest session id, to mark the seats it holds. */
  constructor(
    readonly tripId: string,
    readonly holderId?: string,
  ) {
    super();
  }
}
