import type { Seat } from '../api/types';

/** A seat as the API sends it, available unless told otherwise. */
export function seat(
  seatNumber: string,
  row: number,
  col: number,
  overrides: Partial<Seat> = {},
): Seat {
  return {
    seatNumber,
    deck: 1,
    row,
    col,
    type: 'limousine',
    accessible: false,
    price: { amount: 400_000, currency: 'VND' },
    status: 'available',
    heldByYou: false,
    ...overrides,
  };
}

/** A bus of `rows` × `cols` seats named A1, A2, … row by row. */
export function grid(rows: number, cols: number, overrides: Partial<Seat> = {}): Seat[] {
  const seats: Seat[] = [];
  for (let row = 1; row <= rows; row++) {
    for (let col = 1; col <= cols; col++) {
      seats.push(seat(`A${(row - 1) * cols + col}`, row, col, overrides));
    }
  }
  return seats;
}
