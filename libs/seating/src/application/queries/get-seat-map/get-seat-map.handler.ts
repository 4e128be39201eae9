import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { setBounded } from '@app/collections';
import { SeatAllocation, holdsAny } from '../../../domain/seat-allocation.state';
import { SeatMapView, seatMapOf, versionIsExact } from '../../../domain/seat-map';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { GetSeatMapQuery, SeatMapRead } from './get-seat-map.query';

const SHARED_MAPS = 1000;

interface SharedMap {
  trip: object;
  allocation: SeatAllocation;
  seatMap: SeatMapView;
}

/** The seat map: layout and prices of the trip's bus, and who holds what right now. */
@QueryHandler(GetSeatMapQuery)
export class GetSeatMapHandler implements IQueryHandler<GetSeatMapQuery, SeatMapRead> {
  /**
   * Per trip, the map as seen by anyone holding none of its seats, made from this trip record
   * and this allocation state (both replaced, never changed, when they change). It holds while
   * no hold has lapsed unrecorded; callers then share one view object (and its JSON).
   */
  private readonly shared = new Map<string, SharedMap>();

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly allocations: SeatAllocationWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, holder }: GetSeatMapQuery): Promise<SeatMapRead> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    // As of now, in memory when nothing changed: never older than the caller's own change.
    const allocation = await this.allocations.current(tripId);
    const now = this.clock.now();
    const exact = versionIsExact(allocation, now);
    const shareable = exact && !(holder && holdsAny(allocation, holder));
    return {
      seatMap: shareable
        ? this.sharedMap(trip, allocation, now)
        : seatMapOf(trip, allocation, now, holder),
      versionIsExact: exact,
    };
  }

  private sharedMap(
    trip: Parameters<typeof seatMapOf>[0],
    allocation: SeatAllocation,
    now: Date,
  ): SeatMapView {
    const known = this.shared.get(allocation.tripId);
    if (known?.trip === trip && known.allocation === allocation) return known.seatMap;
    const seatMap = seatMapOf(trip, allocation, now);
    setBounded(this.shared, allocation.tripId, { trip, allocation, seatMap }, SHARED_MAPS);
    return seatMap;
  }
}
