import { chooseBestSeats } from './best-seats';
import type { SeatLayout } from './catalog.types';

/** A coach of `rows` rows: columns 1–2, an aisle (no column 3), columns 4–5. */
function coach(rows: number, accessible: string[] = []): SeatLayout[] {
  const seats: SeatLayout[] = [];
  for (let row = 1; row <= rows; row++) {
    for (const [col, letter] of [
      [1, 'A'],
      [2, 'B'],
      [4, 'C'],
      [5, 'D'],
    ] as const) {
      const seatNumber = `${letter}${String(row).padStart(2, '0')}`;
      seats.push({
        seatNumber,
        deck: 1,
        row,
        col,
        type: 'standard',
        accessible: accessible.includes(seatNumber),
      });
    }
  }
  return seats;
}

const freeExcept =
  (...taken: string[]) =>
  (seat: string) =>
    !taken.includes(seat);

describe('chooseBestSeats', () => {
  it('takes side-by-side seats nearest the front for a group together', () => {
    expect(chooseBestSeats({ count: 2, together: true }, coach(5), freeExcept())).toEqual({
      fits: true,
      seatNumbers: ['A01', 'B01'],
    });
  });

  it('never counts seats across the aisle as together', () => {
    // Row 1 has B01 and C01 free, either side of the aisle; row 2 has a real pair.
    const choice = chooseBestSeats(
      { count: 2, together: true },
      coach(3),
      freeExcept('A01', 'D01'),
    );
    expect(choice).toEqual({ fits: true, seatNumbers: ['A02', 'B02'] });
  });

  it('leaves no single seat stranded when another choice exists', () => {
    // Row 1: A01 taken, B01 free; C01 D01 free. One traveller: B01 (next to a taken seat)
    // strands nobody, where C01 would strand D01.
    const choice = chooseBestSeats({ count: 1 }, coach(3), freeExcept('A01'));
    expect(choice).toEqual({ fits: true, seatNumbers: ['B01'] });
    // Three together in a row of pairs cannot fit: nothing is split to make it.
    expect(chooseBestSeats({ count: 3, together: true }, coach(3), freeExcept())).toEqual({
      fits: false,
      available: { seats: 12, largestTogether: 2 },
    });
  });

  it('keeps accessible seats for those who ask, and gives them to those who do', () => {
    const layout = coach(3, ['A01', 'B01']);
    expect(chooseBestSeats({ count: 2, together: true }, layout, freeExcept())).toEqual({
      fits: true,
      seatNumbers: ['C01', 'D01'],
    });
    expect(chooseBestSeats({ count: 1, accessible: true }, layout, freeExcept('A01'))).toEqual({
      fits: true,
      seatNumbers: ['B01'],
    });
    expect(
      chooseBestSeats({ count: 1, accessible: true }, layout, freeExcept('A01', 'B01')),
    ).toEqual({ fits: false, available: { seats: 0, largestTogether: 0 } });
  });

  it('filters by seat type and deck, and offers a sleeper pair (lower and upper berth)', () => {
    const sleeper: SeatLayout[] = [1, 2].flatMap((deck) =>
      [1, 2].map((row) => ({
        seatNumber: `${deck === 1 ? 'L' : 'U'}${row}`,
        deck,
        row,
        col: 1,
        type: 'sleeper' as const,
        accessible: false,
      })),
    );
    // One berth per row: no two side by side, but L1 + U1 is a pair.
    expect(chooseBestSeats({ count: 2, together: true }, sleeper, freeExcept())).toEqual({
      fits: true,
      seatNumbers: ['L1', 'U1'],
    });
    expect(chooseBestSeats({ count: 2, together: true }, sleeper, freeExcept('U1'))).toEqual({
      fits: true,
      seatNumbers: ['L2', 'U2'],
    });
    expect(chooseBestSeats({ count: 1, deck: 2 }, sleeper, freeExcept())).toEqual({
      fits: true,
      seatNumbers: ['U1'],
    });
    expect(chooseBestSeats({ count: 1, seatType: 'limousine' }, sleeper, freeExcept())).toEqual({
      fits: false,
      available: { seats: 0, largestTogether: 0 },
    });
  });

  it('is all or nothing, and says what was available', () => {
    const layout = coach(1);
    expect(chooseBestSeats({ count: 3 }, layout, freeExcept('A01', 'B01'))).toEqual({
      fits: false,
      available: { seats: 2, largestTogether: 2 },
    });
    expect(chooseBestSeats({ count: 2 }, layout, freeExcept('A01', 'B01'))).toEqual({
      fits: true,
      seatNumbers: ['C01', 'D01'],
    });
  });
});
