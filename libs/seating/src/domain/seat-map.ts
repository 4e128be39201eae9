import { Fares, Money, SeatLayout } from './catalog.types';
import { Holder, SeatAllocationEvent } from './seat-allocation.events';
import { activeSeatHolds, isActive, SeatAllocation, sameHolder } from './seat-allocation.state';

export type SeatStatus = 'available' | 'locked' | 'booked';

export interface SeatView extends SeatLayout {
  price: Money;
  status: SeatStatus;
  /** When a locked seat becomes free unless its hold is extended. */
  expiresAt?: string;
  heldByYou: boolean;
}

export interface SeatMapView {
  tripId: string;
  version: number;
  seats: SeatView[];
}

/** A seat's status as the map shows it; what a delta carries for each changed seat. */
export interface SeatChange {
  seatNumber: string;
  status: SeatStatus;
  expiresAt?: string;
}

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

/** The seat map at `now`: holds past their expiry show as available, whatever the log says yet. */
export function seatMapOf(
  trip: { id: string; seats: readonly SeatLayout[]; fares: Fares },
  allocation: SeatAllocation,
  now: Date,
  holder?: Holder,
): SeatMapView {
  const held = activeSeatHolds(allocation, now);
  return {
    tripId: trip.id,
    version: allocation.version,
    seats: orderSeats(trip.seats).map((seat) => {
      const booked = allocation.booked.has(seat.seatNumber);
      const hold = booked ? undefined : held.get(seat.seatNumber);
      const view: SeatView = {
        seatNumber: seat.seatNumber,
        deck: seat.deck,
        row: seat.row,
        col: seat.col,
        type: seat.type,
        accessible: seat.accessible,
        price: seatPrice(seat, trip.fares),
        status: booked ? 'booked' : hold ? 'locked' : 'available',
        heldByYou: !!hold && !!holder && sameHolder(hold.holder, holder),
      };
      if (hold) view.expiresAt = hold.expiresAt;
      return view;
    }),
  };
}

/**
 * The status of every seat that is not available at `asOf`: booked, or locked by the hold that
 * lasts longest among those still running.
 */
export function seatStatusesAsOf(state: SeatAllocation, asOf: Date): Map<string, SeatChange> {
  const bySeat = new Map<string, SeatChange>();
  for (const hold of state.holds.values()) {
    if (!isActive(hold, asOf)) continue;
    for (const seatNumber of hold.seatNumbers) {
      const other = bySeat.get(seatNumber);
      if (!other || other.expiresAt! < hold.expiresAt) {
        bySeat.set(seatNumber, { seatNumber, status: 'locked', expiresAt: hold.expiresAt });
      }
    }
  }
  for (const seatNumber of state.booked.keys()) {
    bySeat.set(seatNumber, { seatNumber, status: 'booked' });
  }
  return bySeat;
}

/**
 * The seats whose status or expiry differ between two states, each judged at its own time, in
 * seat order. Feeds judge a state at the time of its latest event (not the local clock), so
 * every instance computes the same deltas; clients free a seat themselves when its `expiresAt`
 * passes, and the expiry event confirms it.
 */
export function seatChanges(
  before: { state: SeatAllocation; asOf: Date },
  after: { state: SeatAllocation; asOf: Date },
): SeatChange[] {
  const was = seatStatusesAsOf(before.state, before.asOf);
  const is = seatStatusesAsOf(after.state, after.asOf);
  const changes: SeatChange[] = [];
  for (const seatNumber of new Set([...was.keys(), ...is.keys()])) {
    const now = is.get(seatNumber);
    const then = was.get(seatNumber);
    if (now?.status === then?.status && now?.expiresAt === then?.expiresAt) continue;
    changes.push(now ?? { seatNumber, status: 'available' });
  }
  return changes.sort((a, b) => a.seatNumber.localeCompare(b.seatNumber));
}

/**
 * Whether the version alone names what the map shows: not once a hold has passed its expiry
 * before the log records it (the map changed, the version did not).
 */
export function versionIsExact(allocation: SeatAllocation, now: Date): boolean {
  for (const hold of allocation.holds.values()) {
    if (!isActive(hold, now)) return false;
  }
  return true;
}

/**
 * Seats whose status may differ from what a client saw before `events`: those the events name,
 * and those of holds that have lapsed without an event yet. `state` is the state after the events.
 */
export function seatsChangedBy(
  events: readonly SeatAllocationEvent[],
  state: SeatAllocation,
  now: Date,
): Set<string> {
  const seats = new Set<string>();
  const add = (seatNumbers: readonly string[] | undefined) =>
    seatNumbers?.forEach((seat) => seats.add(seat));
  for (const event of events) {
    if (event.type === 'SeatLockExtended') {
      // Older events lack the seats; a hold that has ended since named them when it ended.
      add(event.data.seatNumbers ?? state.holds.get(event.data.lockId)?.seatNumbers);
    } else if ('seatNumbers' in event.data) {
      add(event.data.seatNumbers);
    }
  }
  for (const hold of state.holds.values()) {
    if (!isActive(hold, now)) add(hold.seatNumbers);
  }
  return seats;
}
