import { Query } from '@nestjs/cqrs';
import type { Holder } from '../../../domain/seat-allocation.events';
import type { SeatChange, SeatMapView } from '../../../domain/seat-map';

export interface SeatChangesView {
  tripId: string;
  fromVersion: number;
  version: number;
  changes: (SeatChange & { heldByYou: boolean })[];
}

/** The changes since a version, or the whole map when that version is too old (or unknown). */
export interface SeatChangesRead {
  result: SeatChangesView | SeatMapView;
  version: number;
  /** False while a lapsed hold shows as free before its expiry is recorded. */
  versionIsExact: boolean;
}

/** Polling fallback of the seat feed. */
export class GetSeatChangesQuery extends Query<SeatChangesRead> {
  constructor(
    readonly tripId: string,
    readonly sinceVersion: number,
    readonly holder?: Holder,
  ) {
    super();
  }
}
