import { Query } from '@nestjs/cqrs';
import type { Holder } from '../../../domain/seat-allocation.events';
import type { SeatMapView } from '../../../domain/seat-map';

export interface SeatMapRead {
  seatMap: SeatMapView;
  /** False while a lapsed hold shows as free before its expiry is recorded (see versionIsExact). */
  versionIsExact: boolean;
}

export class GetSeatMapQuery extends Query<SeatMapRead> {
  /** `holder`: the caller, to mark the seats it holds. */
  constructor(
    readonly tripId: string,
    readonly holder?: Holder,
  ) {
    super();
  }
}
