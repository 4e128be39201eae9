import type { SeatType } from './catalog.types';
import { Holder, SeatAllocationEvent } from './seat-allocation.events';

export interface Hold {
  lockId: string;
  holder: Holder;
  seatNumbers: string[];
  lockedAt: string;
  expiresAt: string;
  maxExpiresAt: string;
  /** A guest hold's client address, as a keyed hash. */
  origin?: string;
}

/** A party on the trip's waiting list that has not been offered seats yet. */
export interface WaitingParty {
  entryId: string;
  holder: Holder;
  seats: number;
  seatType?: SeatType;
  joinedAt: string;
  /** A guest's client address, as a keyed hash. */
  origin?: string;
}

/**
 * A trip's seats: the holds not released or expired by an event (some may be past expiresAt),
 * the seats bookings own (seat number → booking id), and the parties waiting, in order.
 */
export interface SeatAllocation {
  tripId: string;
  version: number;
  holds: ReadonlyMap<string, Hold>;
  booked: ReadonlyMap<string, string>;
  waiting: readonly WaitingParty[];
  /** Cancelled by the operator: nothing is held, booked or offered any more. */
  cancelled?: { reason: string; cancelledAt: string };
  /** Delayed or changed by the operator: the trip's times now (the catalog's until then). */
  schedule?: { departureAt: string; arrivalAt: string; scheduledDepartureAt: string };
  /** Sales closed by the operator: no new hold, booking or waiting-list place. */
  salesClosed?: { reason?: string; closedAt: string };
}

export const emptyAllocation = (tripId: string): SeatAllocation => ({
  tripId,
  version: 0,
  holds: new Map(),
  booked: new Map(),
  waiting: [],
});

function withoutSeats(holds: Map<string, Hold>, lockId: string, seats: readonly string[]): void {
  const previous = holds.get(lockId);
  if (!previous) return;
  const remaining = previous.seatNumbers.filter((s) => !seats.includes(s));
  if (remaining.length === 0) holds.delete(lockId);
  else holds.set(lockId, { ...previous, seatNumbers: remaining });
}

export const sameHolder = (a: Holder, b: Holder) => a.kind === b.kind && a.id === b.id;

/** Whether any hold on the trip, lapsed or not, is the holder's. */
export function holdsAny(state: SeatAllocation, holder: Holder): boolean {
  for (const hold of state.holds.values()) if (sameHolder(hold.holder, holder)) return true;
  return false;
}

export const isActive = (hold: Hold, now: Date) => Date.parse(hold.expiresAt) > now.getTime();

export function evolve(state: SeatAllocation, event: SeatAllocationEvent): SeatAllocation {
  const holds = new Map(state.holds);
  let booked = state.booked;
  let waiting = state.waiting;
  switch (event.type) {
    case 'SeatsLocked': {
      for (const moved of event.data.transferredFrom) {
        withoutSeats(holds, moved.lockId, moved.seatNumbers);
      }
      const { lockId, holder, seatNumbers, lockedAt, expiresAt, maxExpiresAt, origin } = event.data;
      holds.set(lockId, {
        lockId,
        holder,
        seatNumbers,
        lockedAt,
        expiresAt,
        maxExpiresAt,
        ...(origin ? { origin } : {}),
      });
      break;
    }
    case 'SeatLockExtended': {
      const hold = holds.get(event.data.lockId);
      if (hold) holds.set(hold.lockId, { ...hold, expiresAt: event.data.expiresAt });
      break;
    }
    case 'SeatLockReleased':
    case 'SeatLockExpired':
      holds.delete(event.data.lockId);
      break;
    case 'SeatsBooked': {
      for (const from of event.data.fromHolds) withoutSeats(holds, from.lockId, from.seatNumbers);
      const next = new Map(booked);
      for (const seat of event.data.seatNumbers) next.set(seat, event.data.bookingId);
      booked = next;
      break;
    }
    case 'BookedSeatsReleased': {
      const next = new Map(booked);
      for (const seat of event.data.seatNumbers) {
        if (next.get(seat) === event.data.bookingId) next.delete(seat);
      }
      booked = next;
      break;
    }
    case 'WaitlistJoined': {
      const { entryId, holder, seats, seatType, joinedAt, origin } = event.data;
      waiting = [
        ...waiting,
        {
          entryId,
          holder,
          seats,
          joinedAt,
          ...(seatType ? { seatType } : {}),
          ...(origin ? { origin } : {}),
        },
      ];
      break;
    }
    case 'WaitlistLeft':
    case 'WaitlistOffered':
      waiting = waiting.filter((party) => party.entryId !== event.data.entryId);
      break;
  }
  const cancelled =
    event.type === 'TripCancelled'
      ? { reason: event.data.reason, cancelledAt: event.data.cancelledAt }
      : state.cancelled;
  const schedule =
    event.type === 'TripDelayed'
      ? {
          departureAt: event.data.departureAt,
          arrivalAt: event.data.arrivalAt,
          scheduledDepartureAt: event.data.scheduledDepartureAt,
        }
      : event.type === 'TripUpdated' && event.data.changes.departureAt
        ? {
            departureAt: event.data.changes.departureAt,
            arrivalAt: event.data.changes.arrivalAt!,
            scheduledDepartureAt: event.data.changes.departureAt,
          }
        : state.schedule;
  const salesClosed =
    event.type === 'TripSalesClosed'
      ? {
          closedAt: event.data.closedAt,
          ...(event.data.reason ? { reason: event.data.reason } : {}),
        }
      : event.type === 'TripSalesOpened'
        ? undefined
        : state.salesClosed;
  return {
    tripId: state.tripId,
    version: state.version + 1,
    holds,
    booked,
    waiting,
    ...(cancelled ? { cancelled } : {}),
    ...(schedule ? { schedule } : {}),
    ...(salesClosed ? { salesClosed } : {}),
  };
}

/**
 * Decisions of one batch see the same state (refusals leave it as it was) at the same instant,
 * so the seat index of a state is kept for the instant it was made for.
 */
const seatHoldsCache = new WeakMap<
  SeatAllocation,
  { at: number; bySeat: ReadonlyMap<string, Hold> }
>();

/**
 * Who holds each seat right now: seat number → hold, ignoring holds past their expiry. While
 * parties wait for the trip, a hold past its time keeps its seats until its expiry is recorded,
 * which offers them to the list: they never go to whoever asks first in between.
 */
export function activeSeatHolds(state: SeatAllocation, now: Date): ReadonlyMap<string, Hold> {
  const at = now.getTime();
  const cached = seatHoldsCache.get(state);
  if (cached?.at === at) return cached.bySeat;
  const bySeat = new Map<string, Hold>();
  const keepLapsed = state.waiting.length > 0;
  for (const hold of state.holds.values()) {
    if (!keepLapsed && !isActive(hold, now)) continue;
    for (const seat of hold.seatNumbers) bySeat.set(seat, hold);
  }
  seatHoldsCache.set(state, { at, bySeat });
  return bySeat;
}

/** Whether a seat is free right now: no booking owns it, no hold (see activeSeatHolds) has it. */
export function isFreeAt(state: SeatAllocation, now: Date): (seatNumber: string) => boolean {
  const held = activeSeatHolds(state, now);
  return (seatNumber) => !state.booked.has(seatNumber) && !held.has(seatNumber);
}
