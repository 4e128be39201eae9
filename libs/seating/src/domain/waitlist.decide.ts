import { chooseBestSeats } from './best-seats';
import type { SeatLayout, SeatType } from './catalog.types';
import {
  Holder,
  SeatAllocationEvent,
  SeatsLocked,
  WaitlistJoined,
  WaitlistLeft,
  WaitlistOffered,
} from './seat-allocation.events';
import { refuseIfNotOnSale } from './seat-allocation.decide';
import { evolve, isFreeAt, SeatAllocation, sameHolder } from './seat-allocation.state';
import { SeatingErrors } from './seating.errors';

/** What the waiting list's decisions know of the trip. */
export interface WaitlistTrip {
  seats: readonly SeatLayout[];
  departureAt: Date;
  maxSeatsPerBooking: number;
}

export interface WaitlistContext {
  now: Date;
  trip: WaitlistTrip;
  /** How long seats offered to a party are held for it. */
  offerSeconds: number;
  /** New ids for the holds of offers (the decision stays a pure function of its inputs). */
  newLockId: () => string;
}

export interface JoinWaitlist {
  entryId: string;
  holder: Holder;
  seats: number;
  seatType?: SeatType;
  contact: WaitlistJoined['data']['contact'];
  /** A guest's client address, as a keyed hash: guests of one address share a few places. */
  origin?: string;
}

export interface JoinWaitlistContext {
  now: Date;
  trip: WaitlistTrip;
  /** Places on the list that guests from one client address may take, all sessions together. */
  guestPlacesPerAddress: number;
}

const matchesType = (seat: SeatLayout, seatType?: SeatType) => !seatType || seat.type === seatType;

/** Seats nobody holds or owns now (lapsed holds awaiting their expiry count as held). */
export function freeSeats(state: SeatAllocation, trip: WaitlistTrip, now: Date): SeatLayout[] {
  const isFree = isFreeAt(state, now);
  return trip.seats.filter((s) => isFree(s.seatNumber));
}

/**
 * A party joins the list of a trip that cannot seat it now: fewer free seats of the type than it
 * wants (with enough free, it holds them like anyone). One place per holder and trip, and a few
 * per client address for guests (sessions are free to make; each place may hold freed seats for
 * the offer time); the list closes at departure.
 */
export function joinWaitlist(
  command: JoinWaitlist,
  state: SeatAllocation,
  { now, trip, guestPlacesPerAddress }: JoinWaitlistContext,
): WaitlistJoined[] {
  refuseIfNotOnSale(state);
  if (now.getTime() >= trip.departureAt.getTime()) throw SeatingErrors.tripDeparted(state.tripId);
  if (command.seats > trip.maxSeatsPerBooking) {
    throw SeatingErrors.seatLimitExceeded(trip.maxSeatsPerBooking, 0, command.seats);
  }
  if (command.seatType && !trip.seats.some((s) => s.type === command.seatType)) {
    throw SeatingErrors.waitlistNoSuchSeats(command.seatType);
  }
  const mine = state.waiting.find((party) => sameHolder(party.holder, command.holder));
  if (mine) throw SeatingErrors.waitlistAlreadyJoined(mine.entryId);
  if (command.holder.kind === 'guest' && command.origin) {
    const sameAddress = state.waiting.filter(
      (party) => party.holder.kind === 'guest' && party.origin === command.origin,
    ).length;
    if (sameAddress >= guestPlacesPerAddress) {
      throw SeatingErrors.waitlistGuestAddressLimit(guestPlacesPerAddress);
    }
  }
  const free = freeSeats(state, trip, now).filter((s) => matchesType(s, command.seatType));
  if (free.length >= command.seats) throw SeatingErrors.waitlistSeatsFree(free.length);
  return [
    {
      type: 'WaitlistJoined',
      data: {
        tripId: state.tripId,
        entryId: command.entryId,
        holder: command.holder,
        seats: command.seats,
        ...(command.seatType ? { seatType: command.seatType } : {}),
        contact: command.contact,
        joinedAt: now.toISOString(),
        ...(command.holder.kind === 'guest' && command.origin ? { origin: command.origin } : {}),
      },
    },
  ];
}

/** The holder's waiting party leaves the list; a party already offered seats has left it. */
export function leaveWaitlist(
  command: { holder: Holder },
  state: SeatAllocation,
  { now }: { now: Date },
): WaitlistLeft[] {
  const mine = state.waiting.find((party) => sameHolder(party.holder, command.holder));
  if (!mine) throw SeatingErrors.waitlistNotJoined(state.tripId);
  return [
    {
      type: 'WaitlistLeft',
      data: {
        tripId: state.tripId,
        entryId: mine.entryId,
        holder: mine.holder,
        leftAt: now.toISOString(),
      },
    },
  ];
}

/**
 * Free seats go to the waiting parties in the order they joined: each party whose request the
 * free seats can meet (side by side when possible, the best seats first, as "best available"
 * chooses them) is offered them as a hold of its own, and the next party is served from what is
 * left. A party too large for what is free keeps its place; seats nobody on the list fits stay
 * on sale. Nothing is offered once the trip has departed.
 */
export function offerFreeSeats(
  state: SeatAllocation,
  { now, trip, offerSeconds, newLockId }: WaitlistContext,
): (SeatsLocked | WaitlistOffered)[] {
  const closed = state.cancelled || now.getTime() >= trip.departureAt.getTime();
  if (state.waiting.length === 0 || closed) return [];
  const taken = new Set<string>();
  const isFreeNow = isFreeAt(state, now);
  const isFree = (seatNumber: string) => isFreeNow(seatNumber) && !taken.has(seatNumber);
  const expiresAt = new Date(now.getTime() + offerSeconds * 1000).toISOString();
  const events: (SeatsLocked | WaitlistOffered)[] = [];
  for (const party of state.waiting) {
    const request = { count: party.seats, seatType: party.seatType };
    let choice = chooseBestSeats({ ...request, together: true }, trip.seats, isFree);
    if (!choice.fits) choice = chooseBestSeats(request, trip.seats, isFree);
    if (!choice.fits) continue;
    const { seatNumbers } = choice;
    seatNumbers.forEach((seat) => taken.add(seat));
    const lockId = newLockId();
    events.push(
      {
        type: 'SeatsLocked',
        data: {
          lockId,
          tripId: state.tripId,
          holder: party.holder,
          seatNumbers,
          lockedAt: now.toISOString(),
          expiresAt,
          maxExpiresAt: expiresAt,
          transferredFrom: [],
        },
      },
      {
        type: 'WaitlistOffered',
        data: {
          tripId: state.tripId,
          entryId: party.entryId,
          holder: party.holder,
          lockId,
          seatNumbers,
          offeredAt: now.toISOString(),
          expiresAt,
        },
      },
    );
  }
  return events;
}

/**
 * A decision that may free seats (a hold released or expired, a booking's seats given back),
 * followed in the same append by the offers of what it freed: the seats are never free for
 * anyone else in between.
 */
export function thenOfferFreedSeats(
  events: SeatAllocationEvent[],
  state: SeatAllocation,
  context: WaitlistContext,
): SeatAllocationEvent[] {
  if (events.length === 0 || state.waiting.length === 0 || state.salesClosed) return events;
  const after = events.reduce(evolve, state);
  return [...events, ...offerFreeSeats(after, context)];
}
