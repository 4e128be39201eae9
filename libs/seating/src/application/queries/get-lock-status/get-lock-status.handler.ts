import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { normalizeSeatNumber } from '../../../domain/catalog.decide';
import { activeSeatHolds, sameHolder } from '../../../domain/seat-allocation.state';
import { orderSeats } from '../../../domain/seat-map';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationRepository } from '../../../infrastructure/seat-allocation.repository';
import { GetLockStatusQuery, LockStatusView } from './get-lock-status.query';

@QueryHandler(GetLockStatusQuery)
export class GetLockStatusHandler implements IQueryHandler<GetLockStatusQuery, LockStatusView> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly allocations: SeatAllocationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, holder, seatNumbers }: GetLockStatusQuery): Promise<LockStatusView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const known = orderSeats(trip.seats).map((s) => s.seatNumber);
    const wanted = seatNumbers ? [...new Set(seatNumbers.map(normalizeSeatNumber))] : known;
    const unknown = wanted.filter((seat) => !known.includes(seat));
    if (unknown.length > 0) throw SeatingErrors.unknownSeats(unknown);

    const allocation = await this.allocations.load(tripId);
    const held = activeSeatHolds(allocation, this.clock.now());
    return {
      tripId,
      seats: wanted.map((seatNumber) => {
        if (allocation.booked.has(seatNumber)) {
          return { seatNumber, status: 'booked', heldByYou: false };
        }
        const hold = held.get(seatNumber);
        if (!hold) return { seatNumber, status: 'available', heldByYou: false };
        return {
          seatNumber,
          status: 'locked',
          heldByYou: !!holder && sameHolder(hold.holder, holder),
          expiresAt: hold.expiresAt,
        };
      }),
    };
  }
}
