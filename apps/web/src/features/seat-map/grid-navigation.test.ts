import { describe, expect, it } from 'vitest';
import { nextCell } from './grid-navigation';

// A 22-seat limousine: rows of three, the last row of one seat by the door.
const cells = Array.from({ length: 22 }, (_, i) => ({
  seatNumber: `L${i + 1}`,
  row: Math.floor(i / 3) + 1,
  col: (i % 3) + 1,
}));

describe('arrow keys on a seat grid', () => {
  it('moves along rows, wrapping to the next, and stops at the ends', () => {
    expect(nextCell(cells, 'L3', 'ArrowRight')).toBe('L4');
    expect(nextCell(cells, 'L4', 'ArrowLeft')).toBe('L3');
    expect(nextCell(cells, 'L1', 'ArrowLeft')).toBe('L1');
    expect(nextCell(cells, 'L22', 'ArrowRight')).toBe('L22');
  });

  it('moves up and down to the nearest seat of the next row that has seats', () => {
    expect(nextCell(cells, 'L2', 'ArrowDown')).toBe('L5');
    expect(nextCell(cells, 'L21', 'ArrowDown')).toBe('L22'); // col 3 → the one seat at col 1
    expect(nextCell(cells, 'L22', 'ArrowUp')).toBe('L19');
    expect(nextCell(cells, 'L2', 'ArrowUp')).toBe('L2');
  });

  it('goes to the row’s ends with Home and End, and the deck’s with Ctrl', () => {
    expect(nextCell(cells, 'L5', 'Home')).toBe('L4');
    expect(nextCell(cells, 'L5', 'End')).toBe('L6');
    expect(nextCell(cells, 'L5', 'Home', true)).toBe('L1');
    expect(nextCell(cells, 'L5', 'End', true)).toBe('L22');
  });
});
