import { Query } from '@nestjs/cqrs';
import type { Holder } from '../../../domain/seat-allocation.events';
import type { SeatMapView } from '../../../domain/seat-map';

/** A seat map with the tag (ETag) that names what it shows. */
export interface TaggedSeatMap {
  tag: string;
  seatMap: SeatMapView;
}

export class GetSeatMapQuery extends Query<TaggedSeatMap> {
  /** `holder`: the caller, to mark the seats it holds. */
  constructor(
    readonly tripId: string,
    readonly holder?: Holder,
  ) {
    super();
  }
}
