import { deciderSpec } from '../../../../test/utils/decider-specification';
import type { SeatLayout } from './catalog.types';
import { expireSeatLock, releaseBookedSeats } from './seat-allocation.decide';
import {
  Holder,
  SeatAllocationEvent,
  SeatsBooked,
  SeatsLocked,
  WaitlistJoined,
} from './seat-allocation.events';
import { activeSeatHolds, emptyAllocation, evolve } from './seat-allocation.state';
import {
  JoinWaitlist,
  joinWaitlist,
  leaveWaitlist,
  offerFreeSeats,
  thenOfferFreedSeats,
  WaitlistContext,
  WaitlistTrip,
} from './waitlist.decide';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const seat = (seatNumber: string, col: number, type: SeatLayout['type'] = 'standard') => ({
  seatNumber,
  deck: 1,
  row: 1,
  col,
  type,
  accessible: false,
});
/** One row: A1 A2 A3 A4 standard, A5 limousine. */
const trip: WaitlistTrip = {
  seats: [seat('A1', 1), seat('A2', 2), seat('A3', 3), seat('A4', 4), seat('A5', 5, 'limousine')],
  departureAt: at(86_400),
  maxSeatsPerBooking: 4,
};
const alice: Holder = { kind: 'user', id: 'alice' };
const bob: Holder = { kind: 'guest', id: 'bob' };
const carol: Holder = { kind: 'user', id: 'carol' };
const dave: Holder = { kind: 'guest', id: 'dave' };

let ids = 0;
const context = (now = T0): WaitlistContext => ({
  now,
  trip,
  offerSeconds: 900,
  newLockId: () => `offer-${++ids}`,
});
beforeEach(() => (ids = 0));

const locked = (lockId: string, holder: Holder, seatNumbers: string[]): SeatsLocked => ({
  type: 'SeatsLocked',
  data: {
    lockId,
    tripId: 'trip-1',
    holder,
    seatNumbers,
    lockedAt: T0.toISOString(),
    expiresAt: at(900).toISOString(),
    maxExpiresAt: at(2700).toISOString(),
    transferredFrom: [],
  },
});
const booked = (bookingId: string, holder: Holder, seatNumbers: string[]): SeatsBooked => ({
  type: 'SeatsBooked',
  data: { tripId: 'trip-1', bookingId, holder, seatNumbers, fromHolds: [] },
});
const joined = (
  entryId: string,
  holder: Holder,
  seats: number,
  seatType?: 'standard' | 'limousine',
): WaitlistJoined => ({
  type: 'WaitlistJoined',
  data: {
    tripId: 'trip-1',
    entryId,
    holder,
    seats,
    ...(seatType ? { seatType } : {}),
    contact: { email: 'sealed', emailMasked: 'a•••@example.com' },
    joinedAt: T0.toISOString(),
  },
});
/** Every seat taken: A1–A4 booked by one booking, A5 by another. */
const full = [booked('B1', carol, ['A1', 'A2', 'A3', 'A4']), booked('B2', carol, ['A5'])];
const state = (...events: SeatAllocationEvent[]) =>
  events.reduce(evolve, emptyAllocation('trip-1'));
const offersOf = (events: SeatAllocationEvent[]) =>
  events.flatMap((e) =>
    e.type === 'WaitlistOffered' ? [{ entryId: e.data.entryId, seats: e.data.seatNumbers }] : [],
  );

describe('joinWaitlist', () => {
  const spec = deciderSpec({
    decide: joinWaitlist,
    evolve,
    initialState: () => emptyAllocation('trip-1'),
    context: { now: T0, trip, guestPlacesPerAddress: 2 },
  });
  const join = (holder: Holder, seats: number, seatType?: 'standard'): JoinWaitlist => ({
    entryId: 'W-new',
    holder,
    seats,
    ...(seatType ? { seatType } : {}),
    contact: { email: 'sealed', emailMasked: 'a•••@example.com' },
  });

  it('puts a party on the list of a trip with fewer free seats than it wants', () => {
    spec
      .given(booked('B1', carol, ['A1', 'A2', 'A3']))
      .when(join(alice, 3))
      .then({
        type: 'WaitlistJoined',
        data: {
          tripId: 'trip-1',
          entryId: 'W-new',
          holder: alice,
          seats: 3,
          contact: { email: 'sealed', emailMasked: 'a•••@example.com' },
          joinedAt: T0.toISOString(),
        },
      });
  });

  it('refuses a party the free seats can seat now (hold them instead), counting by seat type', () => {
    spec
      .given(booked('B1', carol, ['A1', 'A2']))
      .when(join(alice, 2))
      .thenThrows({ code: 'waitlist.seats_available', extensions: { free: 3 } });
    // Only A3 and A4 are free standard seats: three standard seats are worth waiting for.
    spec
      .given(booked('B1', carol, ['A1', 'A2']))
      .when(join(alice, 3, 'standard'))
      .thenDecided();
  });

  it('counts seats held by others, even a hold past its time while parties wait, as taken', () => {
    spec
      .given(...full.slice(0, 1), locked('L1', bob, ['A5']))
      .when(join(alice, 1))
      .thenDecided();
  });

  it('keeps one place per holder, refuses after departure and over the per-booking limit', () => {
    spec
      .given(...full, joined('W1', alice, 1))
      .when(join(alice, 2))
      .thenThrows({
        code: 'waitlist.already_joined',
        extensions: { entryId: 'W1' },
      });
    spec
      .given(...full)
      .when(join(alice, 1), { now: at(86_400) })
      .thenThrows('trip.departed');
    spec
      .given(...full)
      .when(join(alice, 5))
      .thenThrows('seat.limit_exceeded');
  });

  it('lets guests from one client address take only a few places, all their sessions together', () => {
    const fromHome = (id: string): JoinWaitlist => ({
      ...join({ kind: 'guest', id }, 1),
      origin: 'home',
    });
    const twoFromHome = spec.given(
      ...full,
      { ...joined('W1', bob, 1), data: { ...joined('W1', bob, 1).data, origin: 'home' } },
      { ...joined('W2', dave, 1), data: { ...joined('W2', dave, 1).data, origin: 'home' } },
    );
    twoFromHome
      .when(fromHome('eve'))
      .thenThrows({ code: 'waitlist.guest_address_limit', extensions: { limit: 2 } });
    twoFromHome.when({ ...fromHome('eve'), origin: 'elsewhere' }).thenDecided();
    twoFromHome.when(join(alice, 1)).thenDecided(); // a user is one place per account
  });

  it('refuses a seat type the bus does not have', () => {
    spec
      .given(...full)
      .when({ ...join(alice, 1), seatType: 'sleeper' })
      .thenThrows('waitlist.no_such_seats');
  });
});

describe('leaveWaitlist', () => {
  const spec = deciderSpec({
    decide: leaveWaitlist,
    evolve,
    initialState: () => emptyAllocation('trip-1'),
    context: { now: T0 },
  });

  it('takes the holder off the list; not waiting is 404', () => {
    const left = spec
      .given(...full, joined('W1', alice, 1), joined('W2', bob, 1))
      .when({ holder: alice })
      .then({
        type: 'WaitlistLeft',
        data: { tripId: 'trip-1', entryId: 'W1', holder: alice, leftAt: T0.toISOString() },
      });
    expect(left.state.waiting.map((p) => p.entryId)).toEqual(['W2']);
    spec
      .given(...full)
      .when({ holder: alice })
      .thenThrows('waitlist.not_found');
  });
});

describe('offerFreeSeats', () => {
  it('holds freed seats for the first party that fits, for the offer time, in one append', () => {
    const before = state(...full, joined('W1', alice, 2), joined('W2', bob, 1));
    const freed = releaseBookedSeats(
      { bookingId: 'B1', seatNumbers: ['A3'], reason: 'cancelled' },
      before,
      {
        now: T0,
      },
    );
    const events = thenOfferFreedSeats(freed, before, context());
    // Alice wants two: one free seat does not fit her, she keeps her place; Bob gets A3.
    expect(events.map((e) => e.type)).toEqual([
      'BookedSeatsReleased',
      'SeatsLocked',
      'WaitlistOffered',
    ]);
    expect(events[1]).toEqual({
      type: 'SeatsLocked',
      data: {
        lockId: 'offer-1',
        tripId: 'trip-1',
        holder: bob,
        seatNumbers: ['A3'],
        lockedAt: T0.toISOString(),
        expiresAt: at(900).toISOString(),
        maxExpiresAt: at(900).toISOString(),
        transferredFrom: [],
      },
    });
    const after = events.reduce(evolve, before);
    expect(after.waiting.map((p) => p.entryId)).toEqual(['W1']);
    expect(activeSeatHolds(after, T0).get('A3')?.holder).toEqual(bob);
  });

  it('serves parties in the order they joined, side by side when it can, each from what is left', () => {
    const before = state(
      ...full,
      joined('W1', alice, 2),
      joined('W2', bob, 1),
      joined('W3', dave, 2),
    );
    const freed = releaseBookedSeats({ bookingId: 'B1', reason: 'cancelled' }, before, { now: T0 });
    const offers = offersOf(thenOfferFreedSeats(freed, before, context()));
    // Four seats free: Alice the best two side by side, Bob one, Dave needs two and one is left.
    expect(offers).toEqual([
      { entryId: 'W1', seats: ['A1', 'A2'] },
      { entryId: 'W2', seats: ['A3'] },
    ]);
  });

  it('offers seats of the type a party asked for only', () => {
    const before = state(...full, joined('W1', alice, 1, 'limousine'), joined('W2', bob, 1));
    const freed = releaseBookedSeats(
      { bookingId: 'B1', seatNumbers: ['A2'], reason: 'cancelled' },
      before,
      {
        now: T0,
      },
    );
    expect(offersOf(thenOfferFreedSeats(freed, before, context()))).toEqual([
      { entryId: 'W2', seats: ['A2'] },
    ]);
  });

  it('passes a lapsed offer to the next party: the expiry of its hold offers the seats again', () => {
    const start = state(...full, joined('W1', alice, 1), joined('W2', bob, 1));
    const freed = releaseBookedSeats({ bookingId: 'B2', reason: 'cancelled' }, start, { now: T0 });
    const offered = thenOfferFreedSeats(freed, start, context()).reduce(evolve, start);
    expect(offered.waiting.map((p) => p.entryId)).toEqual(['W2']);
    const offerLock = [...offered.holds.values()][0];
    expect(offerLock).toMatchObject({ holder: alice, seatNumbers: ['A5'] });

    // Not booked in time: until its expiry is recorded nobody else may take A5.
    expect(activeSeatHolds(offered, at(901)).get('A5')?.holder).toEqual(alice);
    const expired = expireSeatLock({ lockId: offerLock.lockId }, offered, { now: at(901) });
    const next = thenOfferFreedSeats(expired, offered, context(at(901)));
    expect(offersOf(next)).toEqual([{ entryId: 'W2', seats: ['A5'] }]);
    // Alice left the list with her offer: she is never offered these seats again.
    expect(next.reduce(evolve, offered).waiting).toEqual([]);
  });

  it('offers nothing once the trip has departed, and nothing without a list', () => {
    const waiting = state(booked('B1', carol, ['A1', 'A2', 'A3', 'A4']), joined('W1', alice, 1));
    expect(offerFreeSeats(waiting, context(at(86_400)))).toEqual([]);
    expect(offerFreeSeats(state(), context())).toEqual([]);
  });

  it('never offers a seat twice: seats offered are held, the next decision sees them taken', () => {
    const before = state(...full, joined('W1', alice, 1), joined('W2', bob, 1));
    const freed = releaseBookedSeats({ bookingId: 'B2', reason: 'cancelled' }, before, { now: T0 });
    const after = thenOfferFreedSeats(freed, before, context()).reduce(evolve, before);
    expect(offerFreeSeats(after, context())).toEqual([]);
  });
});
