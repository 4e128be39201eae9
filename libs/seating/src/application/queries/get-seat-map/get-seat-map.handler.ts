import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { orderSeats, seatPrice } from '../../../domain/seat-map';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatMapView } from '../../views';
import { GetSeatMapQuery } from './get-seat-map.query';

/**
 * The seat map of a trip. Until seat holds exist every seat is available and the allocation
 * version is 0.
 */
@QueryHandler(GetSeatMapQuery)
export class GetSeatMapHandler implements IQueryHandler<GetSeatMapQuery, SeatMapView> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ tripId }: GetSeatMapQuery): Promise<SeatMapView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    return {
      tripId,
      version: 0,
      seats: orderSeats(trip.seats).map((seat) => ({
        seatNumber: seat.seatNumber,
        deck: seat.deck,
        row: seat.row,
        col: seat.col,
        type: seat.type,
        accessible: seat.accessible,
        price: seatPrice(seat, trip.fares),
        status: 'available',
        heldByYou: false,
      })),
    };
  }
}
