import { Fares, Money, SeatLayout } from './catalog.types';

/** Price of a seat: the trip's fare for its seat type. */
export function seatPrice(seat: SeatLayout, fares: Fares): Money {
  const fare = fares[seat.type];
  if (!fare) throw new Error(`Trip has no fare for ${seat.type} seats`); // prevented at scheduling
  return fare;
}

/** Seats in reading order: deck, then row, then column. */
export function orderSeats<T extends Pick<SeatLayout, 'deck' | 'row' | 'col'>>(
  seats: readonly T[],
): T[] {
  return [...seats].sort((a, b) => a.deck - b.deck || a.row - b.row || a.col - b.col);
}
