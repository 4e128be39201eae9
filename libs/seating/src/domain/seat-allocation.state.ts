import { Holder, SeatAllocationEvent } from './seat-allocation.events';

export interface Hold {
  lockId: string;
  holder: Holder;
  seatNumbers: string[];
  lockedAt: string;
  expiresAt: string;
  maxExpiresAt: string;
}

/** The holds of one trip that have not been released or expired by an event (some may be past expiresAt). */
export interface SeatAllocation {
  tripId: string;
  version: number;
  holds: ReadonlyMap<string, Hold>;
}

export const emptyAllocation = (tripId: string): SeatAllocation => ({
  tripId,
  version: 0,
  holds: new Map(),
});

export const sameHolder = (a: Holder, b: Holder) => a.kind === b.kind && a.id === b.id;

export const isActive = (hold: Hold, now: Date) =>
  new Date(hold.expiresAt).getTime() > now.getTime();

export function evolve(state: SeatAllocation, event: SeatAllocationEvent): SeatAllocation {
  const holds = new Map(state.holds);
  switch (event.type) {
    case 'SeatsLocked': {
      for (const moved of event.data.transferredFrom) {
        const previous = holds.get(moved.lockId);
        if (!previous) continue;
        const remaining = previous.seatNumbers.filter((s) => !moved.seatNumbers.includes(s));
        if (remaining.length === 0) holds.delete(moved.lockId);
        else holds.set(moved.lockId, { ...previous, seatNumbers: remaining });
      }
      const { lockId, holder, seatNumbers, lockedAt, expiresAt, maxExpiresAt } = event.data;
      holds.set(lockId, { lockId, holder, seatNumbers, lockedAt, expiresAt, maxExpiresAt });
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
  }
  return { tripId: state.tripId, version: state.version + 1, holds };
}

/** Who holds each seat right now: seat number → hold, ignoring holds past their expiry. */
export function activeSeatHolds(state: SeatAllocation, now: Date): Map<string, Hold> {
  const bySeat = new Map<string, Hold>();
  for (const hold of state.holds.values()) {
    if (!isActive(hold, now)) continue;
    for (const seat of hold.seatNumbers) bySeat.set(seat, hold);
  }
  return bySeat;
}
