import type { Seat, SeatChanges, SeatMap } from '../../api/types';
import type { HoldChange, SeatDelta, SeatSnapshot } from '../../feed/types';

/**
 * A trip's seats at a version, kept current from the feed (snapshot, deltas, hold changes) or
 * from polling (`sinceVersion` answers). Pure functions: the page and the tests share them.
 */
export interface SeatMapState {
  tripId: string;
  version: number;
  seats: Seat[];
  /** The ETag of the version (the API's is the version, quoted): polling sends it back. */
  etag: string;
}

const etagOf = (version: number) => `"${version}"`;

/** A seat whose status changed, as the page reports it (announcements, lost selections). */
export interface SeatUpdate {
  seat: Seat;
  /** The holder's own change (its hold or booking), not someone else's. */
  mine: boolean;
}

export function fromSeatMap(map: SeatMap | SeatSnapshot): SeatMapState {
  return { tripId: map.tripId, version: map.version, seats: map.seats, etag: etagOf(map.version) };
}

function withChanges(
  state: SeatMapState,
  version: number,
  changes: ReadonlyMap<string, Partial<Seat>>,
): { state: SeatMapState; updated: Seat[] } {
  const updated: Seat[] = [];
  const seats = state.seats.map((seat) => {
    const change = changes.get(seat.seatNumber);
    if (!change) return seat;
    const next: Seat = { ...seat, ...change };
    if (next.status !== 'locked') delete next.expiresAt;
    updated.push(next);
    return next;
  });
  return { state: { ...state, version, seats, etag: etagOf(version) }, updated };
}

export type DeltaResult =
  | { kind: 'applied'; state: SeatMapState; updates: SeatUpdate[] }
  /** Already contained in what we have. */
  | { kind: 'stale' }
  /** Versions were skipped: start over from a new snapshot. */
  | { kind: 'gap' };

/**
 * A feed delta, by the gap rule of asyncapi.yaml. Deltas carry no `heldByYou`: a seat is the
 * holder's when `isMine` says so (its hold, or a hold being taken), else someone else's.
 */
export function applyDelta(
  state: SeatMapState,
  delta: SeatDelta,
  isMine: (seatNumber: string) => boolean,
): DeltaResult {
  if (delta.version <= state.version) return { kind: 'stale' };
  if (delta.fromVersion !== state.version) return { kind: 'gap' };
  const changes = new Map<string, Partial<Seat>>();
  const mine = new Set<string>();
  const before = new Map(state.seats.map((seat) => [seat.seatNumber, seat]));
  for (const change of delta.changes) {
    const known = before.get(change.seatNumber);
    // `holds:changed` may come before the delta of the same hold (another tab's): keep it ours.
    const alreadyOurs =
      change.status === 'locked' &&
      known?.heldByYou === true &&
      known.status === 'locked' &&
      known.expiresAt === change.expiresAt;
    const held = change.status === 'locked' && (alreadyOurs || isMine(change.seatNumber));
    if (alreadyOurs || isMine(change.seatNumber)) mine.add(change.seatNumber);
    changes.set(change.seatNumber, {
      status: change.status,
      expiresAt: change.expiresAt,
      heldByYou: held,
    });
  }
  const { state: next, updated } = withChanges(state, delta.version, changes);
  return {
    kind: 'applied',
    state: next,
    updates: updated.map((seat) => ({ seat, mine: mine.has(seat.seatNumber) })),
  };
}

/** A polling answer: the whole map again, or the seats changed since our version. */
export function applyPolled(
  state: SeatMapState | undefined,
  answer: SeatMap | SeatChanges,
): { state: SeatMapState; updates: SeatUpdate[] } {
  if (answer.kind === 'map' || !state) {
    if (answer.kind === 'changes') throw new Error('changes without a map to apply them to');
    const next = fromSeatMap(answer);
    if (!state) return { state: next, updates: [] };
    const before = new Map(state.seats.map((seat) => [seat.seatNumber, seat]));
    const updates = next.seats
      .filter((seat) => {
        const old = before.get(seat.seatNumber);
        return !old || old.status !== seat.status || old.heldByYou !== seat.heldByYou;
      })
      .map((seat) => ({ seat, mine: seat.heldByYou }));
    return { state: next, updates };
  }
  const changes = new Map<string, Partial<Seat>>(
    answer.changes.map((change) => [
      change.seatNumber,
      { status: change.status, expiresAt: change.expiresAt, heldByYou: change.heldByYou },
    ]),
  );
  const { state: next, updated } = withChanges(state, answer.version, changes);
  return { state: next, updates: updated.map((seat) => ({ seat, mine: seat.heldByYou })) };
}

/**
 * One of the holder's hold changes (any tab): its seats show as theirs, with the hold's end.
 * The version is the delta's business; this only marks ownership and expiry.
 */
export function applyHoldChange(state: SeatMapState, change: HoldChange): SeatMapState {
  if (change.tripId !== state.tripId) return state;
  const seats = new Set(change.seatNumbers);
  const held = change.change === 'locked' || change.change === 'extended';
  return {
    ...state,
    seats: state.seats.map((seat) => {
      if (!seats.has(seat.seatNumber)) return seat;
      if (held) {
        return { ...seat, status: 'locked', heldByYou: true, expiresAt: change.expiresAt };
      }
      if (change.change === 'booked') {
        const { expiresAt: _gone, ...rest } = seat;
        return { ...rest, status: 'booked', heldByYou: false };
      }
      // released or expired: free unless someone else's newer hold is already shown
      if (!seat.heldByYou) return seat;
      const { expiresAt: _gone, ...rest } = seat;
      return { ...rest, status: 'available', heldByYou: false };
    }),
  };
}

/** What a seat shows: its status for the holder, with a lapsed hold shown free. */
export type SeatDisplay = 'available' | 'selected' | 'held' | 'yours' | 'booked';

export function isLapsed(seat: Seat, nowMs: number): boolean {
  return seat.status === 'locked' && !!seat.expiresAt && Date.parse(seat.expiresAt) <= nowMs;
}

export function seatDisplay(seat: Seat, selected: boolean, nowMs: number): SeatDisplay {
  if (seat.status === 'booked') return 'booked';
  if (seat.status === 'locked' && !isLapsed(seat, nowMs)) {
    if (!seat.heldByYou) return 'held';
    return selected ? 'selected' : 'yours';
  }
  return selected ? 'selected' : 'available';
}

/** Whether the holder may pick (or keep) the seat. */
export const isSelectable = (display: SeatDisplay): boolean =>
  display === 'available' || display === 'selected' || display === 'yours';

/** When the holds shown on the map lapse (to refresh the view then). */
export const holdDeadlines = (seats: readonly Seat[]): number[] =>
  seats.flatMap((seat) =>
    seat.status === 'locked' && seat.expiresAt ? [Date.parse(seat.expiresAt)] : [],
  );
