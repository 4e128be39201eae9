import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { orderSeats, seatPrice } from '../../../domain/seat-map';
import { activeSeatHolds, sameHolder } from '../../../domain/seat-allocation.state';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationRepository } from '../../../infrastructure/seat-allocation.repository';
import { SeatMapView } from '../../views';
import { GetSeatMapQuery } from './get-seat-map.query';

/** The seat map: layout and prices of the trip's bus, and who holds what right now. */
@QueryHandler(GetSeatMapQuery)
export class GetSeatMapHandler implements IQueryHandler<GetSeatMapQuery, SeatMapView> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly allocations: SeatAllocationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, holder }: GetSeatMapQuery): Promise<SeatMapView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const allocation = await this.allocations.load(tripId);
    const held = activeSeatHolds(allocation, this.clock.now());
    return {
      tripId,
      version: allocation.version,
      seats: orderSeats(trip.seats).map((seat) => {
        const hold = held.get(seat.seatNumber);
        return {
          seatNumber: seat.seatNumber,
          deck: seat.deck,
          row: seat.row,
          col: seat.col,
          type: seat.type,
          accessible: seat.accessible,
          price: seatPrice(seat, trip.fares),
          status: hold ? 'locked' : 'available',
          heldByYou: !!hold && !!holder && sameHolder(hold.holder, holder),
        };
      }),
    };
  }
}
