import { normalizeSeatNumber } from './catalog.decide';
import {
  BookedSeatsReleased,
  Holder,
  SeatsBooked,
  SeatLockExpired,
  SeatLockExtended,
  SeatLockReleased,
  SeatsLocked,
} from './seat-allocation.events';
import {
  activeSeatHolds,
  Hold,
  isActive,
  SeatAllocation,
  sameHolder,
} from './seat-allocation.state';
import { SeatingErrors } from './seating.errors';

export interface HoldPolicy {
  ttlSeconds: number;
  maxLifetimeSeconds: number;
  /**
   * Share of a trip's seats that guests (anonymous sessions, free to make) may hold at once,
   * so a few sessions cannot hold a whole bus. Users are counted by their account's own limit.
   */
  guestSharePercent: number;
  /** Seats of one trip that guests from one client address may hold at once, all sessions together. */
  guestSeatsPerAddress: number;
}

/** What the decisions need to know of the trip. */
export interface TripFacts {
  seatNumbers: ReadonlySet<string>;
  departureAt: Date;
  maxSeatsPerBooking: number;
}

/** What every seat allocation decision knows besides the command and the trip's state. */
export interface AllocationContext {
  now: Date;
}

export interface LockSeats {
  lockId: string;
  holder: Holder;
  seatNumbers: string[];
  /** A guest's client address, as a keyed hash: its sessions share one allowance per trip. */
  origin?: string;
}

export interface LockSeatsContext extends AllocationContext {
  trip: TripFacts;
  holdPolicy: HoldPolicy;
}

export interface ExtendSeatLock {
  lockId: string;
  holder: Holder;
}

export interface ExtendSeatLockContext extends AllocationContext {
  holdPolicy: HoldPolicy;
}

export interface ReleaseSeatLock {
  lockId: string;
  holder: Holder;
}

export interface ExpireSeatLock {
  lockId: string;
}

type SeatConflict = { seatNumber: string; status: 'locked' | 'booked' };

/** A cancelled trip's seats are neither held nor booked again. */
export function refuseIfCancelled(state: SeatAllocation): void {
  if (state.cancelled) throw SeatingErrors.tripCancelled(state.tripId, state.cancelled.reason);
}

/** Nothing new is sold on a cancelled trip, nor while its sales are closed. */
export function refuseIfNotOnSale(state: SeatAllocation): void {
  refuseIfCancelled(state);
  if (state.salesClosed) throw SeatingErrors.salesClosed(state.tripId, state.salesClosed.reason);
}

const plus = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/** All or nothing: every requested seat is free or already the holder's, or nothing is locked. */
export function lockSeats(
  command: LockSeats,
  state: SeatAllocation,
  { now, trip, holdPolicy: policy }: LockSeatsContext,
): SeatsLocked[] {
  refuseIfNotOnSale(state);
  const departsAt = state.schedule ? Date.parse(state.schedule.departureAt) : +trip.departureAt;
  if (now.getTime() >= departsAt) throw SeatingErrors.tripDeparted(state.tripId);

  const requested = command.seatNumbers.map(normalizeSeatNumber);
  const duplicates = requested.filter((seat, index) => requested.indexOf(seat) !== index);
  if (duplicates.length > 0) throw SeatingErrors.duplicateSeats([...new Set(duplicates)]);
  const unknown = requested.filter((seat) => !trip.seatNumbers.has(seat));
  if (unknown.length > 0) throw SeatingErrors.unknownSeats(unknown);

  const holds = activeSeatHolds(state, now);
  const conflicts: SeatConflict[] = [];
  for (const seatNumber of requested) {
    const hold = holds.get(seatNumber);
    if (state.booked.has(seatNumber)) conflicts.push({ seatNumber, status: 'booked' });
    else if (hold && !sameHolder(hold.holder, command.holder))
      conflicts.push({ seatNumber, status: 'locked' });
  }
  if (conflicts.length > 0) throw SeatingErrors.seatsUnavailable(conflicts);

  const alreadyHeld = [...holds.entries()].filter(([, hold]) =>
    sameHolder(hold.holder, command.holder),
  );
  const heldAfter = new Set([...alreadyHeld.map(([seat]) => seat), ...requested]);
  if (heldAfter.size > trip.maxSeatsPerBooking) {
    throw SeatingErrors.seatLimitExceeded(
      trip.maxSeatsPerBooking,
      alreadyHeld.length,
      requested.length,
    );
  }

  if (command.holder.kind === 'guest') {
    const limit = Math.floor((trip.seatNumbers.size * policy.guestSharePercent) / 100);
    const heldByGuests = [...holds.values()].filter(
      (hold) => hold.holder.kind === 'guest' && !sameHolder(hold.holder, command.holder),
    ).length;
    if (heldByGuests + heldAfter.size > limit) {
      throw SeatingErrors.guestShareExceeded(limit, heldByGuests, requested.length);
    }
    if (command.origin) {
      // Each seat of each active hold, by other sessions from the same address.
      const sameAddress = [...holds.values()].filter(
        (hold) =>
          hold.holder.kind === 'guest' &&
          hold.origin === command.origin &&
          !sameHolder(hold.holder, command.holder),
      );
      const limit = policy.guestSeatsPerAddress;
      if (sameAddress.length + heldAfter.size > limit) {
        const firstEnd = Math.min(...sameAddress.map((hold) => Date.parse(hold.expiresAt)));
        const retryAfter = Math.max(1, Math.ceil((firstEnd - now.getTime()) / 1000));
        throw SeatingErrors.guestAddressLimit(
          limit,
          sameAddress.length,
          requested.length,
          retryAfter,
        );
      }
    }
  }

  const transferred = new Map<string, string[]>();
  let maxExpiresAt = plus(now, policy.maxLifetimeSeconds).getTime();
  for (const [seat, hold] of alreadyHeld) {
    if (!requested.includes(seat)) continue;
    transferred.set(hold.lockId, [...(transferred.get(hold.lockId) ?? []), seat]);
    // Re-holding one's seats must not restart their maximum lifetime.
    maxExpiresAt = Math.min(maxExpiresAt, new Date(hold.maxExpiresAt).getTime());
  }
  const expiresAt = Math.min(plus(now, policy.ttlSeconds).getTime(), maxExpiresAt);
  return [
    {
      type: 'SeatsLocked',
      data: {
        lockId: command.lockId,
        tripId: state.tripId,
        holder: command.holder,
        seatNumbers: requested,
        lockedAt: now.toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
        maxExpiresAt: new Date(maxExpiresAt).toISOString(),
        transferredFrom: [...transferred].map(([lockId, seatNumbers]) => ({ lockId, seatNumbers })),
        ...(command.holder.kind === 'guest' && command.origin ? { origin: command.origin } : {}),
      },
    },
  ];
}

/** Moves the expiry to now + TTL, capped at the hold's maximum lifetime. */
export function extendSeatLock(
  command: ExtendSeatLock,
  state: SeatAllocation,
  { now, holdPolicy: policy }: ExtendSeatLockContext,
): SeatLockExtended[] {
  const hold = state.holds.get(command.lockId);
  if (!hold || !isActive(hold, now) || !sameHolder(hold.holder, command.holder)) {
    throw SeatingErrors.lockNotFound(command.lockId);
  }
  // Processes' clocks differ a little: never extend over a seat someone else now holds.
  const others = activeSeatHolds(state, now);
  if (hold.seatNumbers.some((seat) => others.get(seat)?.lockId !== hold.lockId)) {
    throw SeatingErrors.lockNotFound(command.lockId);
  }
  const cap = new Date(hold.maxExpiresAt).getTime();
  const target = Math.min(plus(now, policy.ttlSeconds).getTime(), cap);
  if (target <= new Date(hold.expiresAt).getTime()) {
    throw SeatingErrors.maxLifetimeReached(command.lockId, hold.maxExpiresAt);
  }
  return [
    {
      type: 'SeatLockExtended',
      data: {
        lockId: hold.lockId,
        tripId: state.tripId,
        expiresAt: new Date(target).toISOString(),
        previousExpiresAt: hold.expiresAt,
        holder: hold.holder,
        seatNumbers: hold.seatNumbers,
      },
    },
  ];
}

/** Idempotent: a hold already released or expired yields no event. */
export function releaseSeatLock(
  command: ReleaseSeatLock,
  state: SeatAllocation,
  { now }: AllocationContext,
): SeatLockReleased[] {
  const hold = state.holds.get(command.lockId);
  if (!hold || !isActive(hold, now)) return [];
  if (!sameHolder(hold.holder, command.holder)) throw SeatingErrors.lockNotFound(command.lockId);
  return [holdReleased(hold, state.tripId)];
}

/** The end of a hold given back before its time (by its holder, or with its trip). */
export const holdReleased = (hold: Hold, tripId: string): SeatLockReleased => ({
  type: 'SeatLockReleased',
  data: {
    lockId: hold.lockId,
    tripId,
    seatNumbers: hold.seatNumbers,
    expiresAt: hold.expiresAt,
    holder: hold.holder,
  },
});

/** Records the end of a hold whose time has passed; nothing when it was extended, released or already expired. */
export function expireSeatLock(
  command: ExpireSeatLock,
  state: SeatAllocation,
  { now }: AllocationContext,
): SeatLockExpired[] {
  const hold = state.holds.get(command.lockId);
  if (!hold || isActive(hold, now)) return [];
  return [
    {
      type: 'SeatLockExpired',
      data: {
        lockId: hold.lockId,
        tripId: state.tripId,
        seatNumbers: hold.seatNumbers,
        expiredAt: hold.expiresAt,
        holder: hold.holder,
      },
    },
  ];
}

export interface BookSeats {
  bookingId: string;
  holder: Holder;
  seatNumbers: string[];
  /** Modifying a booking may take seats nobody holds; creating one needs the holder's holds. */
  freeSeatsAllowed: boolean;
  /** The departure the booking was made for: a trip delayed since is refused (decide again). */
  departureAt?: string;
}

/**
 * The seats become the booking's, all or none: each must be held by the holder (or, when
 * allowed, free). Seats the booking already owns are left as they are.
 */
export function bookSeats(
  command: BookSeats,
  state: SeatAllocation,
  { now }: AllocationContext,
): SeatsBooked[] {
  // Modifying a pending booking is not a sale: it goes on while sales are closed.
  if (command.freeSeatsAllowed) refuseIfCancelled(state);
  else refuseIfNotOnSale(state);
  if (
    command.departureAt &&
    state.schedule &&
    Date.parse(state.schedule.departureAt) !== Date.parse(command.departureAt)
  ) {
    throw SeatingErrors.tripRescheduled(state.tripId, state.schedule.departureAt);
  }
  const requested = command.seatNumbers.map(normalizeSeatNumber);
  const holds = activeSeatHolds(state, now);
  const conflicts: SeatConflict[] = [];
  const notHeld: string[] = [];
  const fromHolds = new Map<string, string[]>();
  const toBook: string[] = [];
  for (const seatNumber of requested) {
    const owner = state.booked.get(seatNumber);
    if (owner === command.bookingId) continue;
    if (owner) {
      conflicts.push({ seatNumber, status: 'booked' });
      continue;
    }
    const hold = holds.get(seatNumber);
    if (hold && !sameHolder(hold.holder, command.holder)) {
      conflicts.push({ seatNumber, status: 'locked' });
    } else if (hold && !isActive(hold, now)) {
      // Lapsed, its seats kept for the waiting list until the expiry is recorded.
      notHeld.push(seatNumber);
    } else if (hold) {
      fromHolds.set(hold.lockId, [...(fromHolds.get(hold.lockId) ?? []), seatNumber]);
      toBook.push(seatNumber);
    } else if (command.freeSeatsAllowed) {
      toBook.push(seatNumber);
    } else {
      notHeld.push(seatNumber);
    }
  }
  if (conflicts.length > 0) throw SeatingErrors.seatsUnavailable(conflicts);
  if (notHeld.length > 0) throw SeatingErrors.seatsNotHeld(notHeld);
  if (toBook.length === 0) return [];
  return [
    {
      type: 'SeatsBooked',
      data: {
        tripId: state.tripId,
        bookingId: command.bookingId,
        holder: command.holder,
        seatNumbers: toBook,
        fromHolds: [...fromHolds].map(([lockId, seatNumbers]) => ({ lockId, seatNumbers })),
      },
    },
  ];
}

export interface ReleaseBookedSeats {
  bookingId: string;
  /** Only these of the booking's seats; all of them when absent. */
  seatNumbers?: string[];
  reason: BookedSeatsReleased['data']['reason'];
}

/** Gives back the booking's seats (all, or those named); idempotent, whatever the time. */
export function releaseBookedSeats(
  command: ReleaseBookedSeats,
  state: SeatAllocation,
  _context: AllocationContext,
): BookedSeatsReleased[] {
  const owned = [...state.booked].filter(([, bookingId]) => bookingId === command.bookingId);
  const seatNumbers = owned
    .map(([seat]) => seat)
    .filter((seat) => !command.seatNumbers || command.seatNumbers.includes(seat));
  if (seatNumbers.length === 0) return [];
  return [
    {
      type: 'BookedSeatsReleased',
      data: {
        tripId: state.tripId,
        bookingId: command.bookingId,
        seatNumbers,
        reason: command.reason,
      },
    },
  ];
}
