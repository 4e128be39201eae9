import { Query } from '@nestjs/cqrs';
import type { Holder } from '../../../domain/seat-allocation.events';
import type { SeatMapView } from '../../views';

export class GetSeatMapQuery extends Query<SeatMapView> {
  /** `holder`: the caller, to mark the seats it holds. */
  constructor(
    readonly tripId: string,
    readonly holder?: Holder,
  ) {
    super();
  }
}
