import type { SeatLayout, SeatType } from './catalog.types';

/** "Hold me the best N seats" instead of naming them. */
export interface BestSeatsRequest {
  count: number;
  /** Side by side in one row, or a sleeper pair (lower and upper berth of one place). */
  together?: boolean;
  seatType?: SeatType;
  deck?: number;
  /** Only seats marked accessible. Without it, accessible seats are kept for those who need them. */
  accessible?: boolean;
}

/** What could have been held, for a refusal that says why. */
export interface BestSeatsAvailability {
  /** Free seats that match the request's type, deck and accessibility. */
  seats: number;
  /** The most of them side by side (or in a sleeper pair). */
  largestTogether: number;
}

export type BestSeatsChoice =
  { fits: true; seatNumbers: string[] } | { fits: false; available: BestSeatsAvailability };

/**
 * The best free seats for a request, or what was available when nothing fits (all or nothing).
 *
 * Candidate sets: with `together`, every run of `count` neighbours in a row (same deck and row,
 * consecutive columns: a missing column is an aisle and breaks the run), and for two sleeper
 * berths also the lower and upper berth of one place (same row and column on decks 1 and 2).
 * Without it, seats are chosen one at a time, each the best left.
 *
 * A candidate's score, compared in this order (lower wins):
 * 1. orphans: free seats it would leave with no free neighbour in their row although they had
 *    one (a single seat nobody travelling with company can take — seats.io's "no orphan seats");
 * 2. accessible seats taken by a request that did not ask for them;
 * 3. distance from the front: lower deck first, then row, then column.
 */
export function chooseBestSeats(
  request: BestSeatsRequest,
  layout: readonly SeatLayout[],
  isFree: (seatNumber: string) => boolean,
): BestSeatsChoice {
  const free = new Set(layout.filter((s) => isFree(s.seatNumber)).map((s) => s.seatNumber));
  const candidates = layout.filter((s) => free.has(s.seatNumber) && matches(request, s));
  const rows = rowsOf(layout);
  const groups = togetherGroups(candidates, rows, layout);
  const largestTogether = Math.max(0, ...groups.map((g) => g.length));

  let chosen: SeatLayout[] | undefined;
  if (request.together && request.count > 1) {
    const fitting = groups.flatMap((group) => windows(group, request.count));
    chosen = best(fitting, (set) => score(set, request, rows, free));
  } else if (candidates.length >= request.count) {
    chosen = [];
    const left = new Set(free);
    for (let i = 0; i < request.count; i++) {
      const options = candidates.filter((s) => left.has(s.seatNumber)).map((s) => [s]);
      const next = best(options, (set) => score(set, request, rows, left))![0];
      chosen.push(next);
      left.delete(next.seatNumber);
    }
  }
  if (!chosen) return { fits: false, available: { seats: candidates.length, largestTogether } };
  return { fits: true, seatNumbers: chosen.map((s) => s.seatNumber) };
}

function matches(request: BestSeatsRequest, seat: SeatLayout): boolean {
  if (request.seatType && seat.type !== request.seatType) return false;
  if (request.deck !== undefined && seat.deck !== request.deck) return false;
  if (request.accessible && !seat.accessible) return false;
  return true;
}

const rowKey = (s: SeatLayout) => `${s.deck}/${s.row}`;

/** Each row's seats by column. */
function rowsOf(layout: readonly SeatLayout[]): Map<string, SeatLayout[]> {
  const rows = new Map<string, SeatLayout[]>();
  for (const seat of layout) rows.set(rowKey(seat), [...(rows.get(rowKey(seat)) ?? []), seat]);
  for (const row of rows.values()) row.sort((a, b) => a.col - b.col);
  return rows;
}

/** Runs of candidates side by side in a row, and sleeper pairs (one place on decks 1 and 2). */
function togetherGroups(
  candidates: SeatLayout[],
  rows: Map<string, SeatLayout[]>,
  layout: readonly SeatLayout[],
): SeatLayout[][] {
  const isCandidate = new Set(candidates.map((s) => s.seatNumber));
  const groups: SeatLayout[][] = [];
  for (const row of rows.values()) {
    let run: SeatLayout[] = [];
    for (const seat of row) {
      const continues = run.length > 0 && seat.col === run[run.length - 1].col + 1;
      if (!isCandidate.has(seat.seatNumber)) {
        if (run.length) groups.push(run);
        run = [];
        continue;
      }
      if (!continues && run.length) {
        groups.push(run);
        run = [];
      }
      run.push(seat);
    }
    if (run.length) groups.push(run);
  }
  const upper = new Map(
    layout.filter((s) => s.deck === 2).map((s) => [`${s.row}/${s.col}`, s] as const),
  );
  for (const lower of candidates) {
    const above = upper.get(`${lower.row}/${lower.col}`);
    if (
      lower.deck === 1 &&
      lower.type === 'sleeper' &&
      above?.type === 'sleeper' &&
      isCandidate.has(above.seatNumber)
    ) {
      groups.push([lower, above]);
    }
  }
  return groups;
}

function windows(group: SeatLayout[], count: number): SeatLayout[][] {
  const found: SeatLayout[][] = [];
  for (let i = 0; i + count <= group.length; i++) found.push(group.slice(i, i + count));
  return found;
}

function best<T>(options: T[], scoreOf: (option: T) => number[]): T | undefined {
  let winner: T | undefined;
  let winnerScore: number[] = [];
  for (const option of options) {
    const s = scoreOf(option);
    if (winner === undefined || compare(s, winnerScore) < 0) {
      winner = option;
      winnerScore = s;
    }
  }
  return winner;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function score(
  set: SeatLayout[],
  request: BestSeatsRequest,
  rows: Map<string, SeatLayout[]>,
  free: ReadonlySet<string>,
): number[] {
  const taken = new Set(set.map((s) => s.seatNumber));
  const freeAfter = (s: SeatLayout) => free.has(s.seatNumber) && !taken.has(s.seatNumber);
  let orphans = 0;
  for (const key of new Set(set.map(rowKey))) {
    const row = rows.get(key)!;
    row.forEach((seat, i) => {
      if (!freeAfter(seat)) return;
      const neighbours = [row[i - 1], row[i + 1]].filter(
        (n): n is SeatLayout => n !== undefined && Math.abs(n.col - seat.col) === 1,
      );
      const hadCompany = neighbours.some((n) => free.has(n.seatNumber));
      if (hadCompany && !neighbours.some(freeAfter)) orphans++;
    });
  }
  const accessibleTaken = request.accessible ? 0 : set.filter((s) => s.accessible).length;
  const front = set.reduce((sum, s) => sum + (s.deck - 1) * 1_000_000 + s.row * 1000 + s.col, 0);
  return [orphans, accessibleTaken, front];
}
