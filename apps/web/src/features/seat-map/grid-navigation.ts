/** A seat's place on its deck. */
export interface GridCell {
  seatNumber: string;
  row: number;
  col: number;
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export const isGridKey = (key: string): key is GridKey =>
  ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key);

/**
 * Where an arrow key goes from `current` on a seat grid with gaps (aisles, missing seats):
 * left/right along the reading order (wrapping to the neighbouring row), up/down to the nearest
 * seat by column in the nearest row that has seats, Home/End to the row's ends (with Ctrl, the
 * deck's first or last seat).
 */
export function nextCell(
  cells: readonly GridCell[],
  current: string,
  key: GridKey,
  ctrl = false,
): string {
  const ordered = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const index = ordered.findIndex((cell) => cell.seatNumber === current);
  if (index < 0) return ordered[0]?.seatNumber ?? current;
  const here = ordered[index];
  const rows = [...new Set(ordered.map((cell) => cell.row))];
  const inRow = (row: number) => ordered.filter((cell) => cell.row === row);
  switch (key) {
    case 'ArrowRight':
      return ordered[Math.min(index + 1, ordered.length - 1)].seatNumber;
    case 'ArrowLeft':
      return ordered[Math.max(index - 1, 0)].seatNumber;
    case 'Home':
      return (ctrl ? ordered[0] : inRow(here.row)[0]).seatNumber;
    case 'End': {
      const row = ctrl ? ordered : inRow(here.row);
      return row[row.length - 1].seatNumber;
    }
    case 'ArrowUp':
    case 'ArrowDown': {
      const at = rows.indexOf(here.row) + (key === 'ArrowDown' ? 1 : -1);
      if (at < 0 || at >= rows.length) return current;
      const candidates = inRow(rows[at]);
      const nearest = candidates.reduce((best, cell) =>
        Math.abs(cell.col - here.col) < Math.abs(best.col - here.col) ? cell : best,
      );
      return nearest.seatNumber;
    }
  }
}
