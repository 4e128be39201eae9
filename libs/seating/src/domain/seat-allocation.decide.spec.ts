import { thenThrows } from '../../../../test/utils/domain-errors';
import {
  BookSeats,
  bookSeats,
  expireSeatLock,
  extendSeatLock,
  HoldPolicy,
  lockSeats,
  releaseBookedSeats,
  releaseSeatLock,
  TripFacts,
} from './seat-allocation.decide';
import { Holder, SeatAllocationEvent, SeatsLocked } from './seat-allocation.events';
import { emptyAllocation, evolve, SeatAllocation } from './seat-allocation.state';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const policy: HoldPolicy = { ttlSeconds: 900, maxLifetimeSeconds: 2700 };
const trip: TripFacts = {
  seatNumbers: new Set(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']),
  departureAt: at(86_400),
  maxSeatsPerBooking: 5,
};
const alice: Holder = { kind: 'user', id: 'alice' };
const bob: Holder = { kind: 'guest', id: 'bob' };

const given = (...events: SeatAllocationEvent[]): SeatAllocation =>
  events.reduce(evolve, emptyAllocation('trip-1'));

const locked = (
  lockId: string,
  holder: Holder,
  seatNumbers: string[],
  atSeconds = 0,
  overrides: Partial<SeatsLocked['data']> = {},
): SeatsLocked => ({
  type: 'SeatsLocked',
  data: {
    lockId,
    tripId: 'trip-1',
    holder,
    seatNumbers,
    lockedAt: at(atSeconds).toISOString(),
    expiresAt: at(atSeconds + 900).toISOString(),
    maxExpiresAt: at(atSeconds + 2700).toISOString(),
    transferredFrom: [],
    ...overrides,
  },
});

describe('lockSeats', () => {
  const lock = (
    state: SeatAllocation,
    holder: Holder,
    seats: string[],
    now = T0,
    lockId = 'L-new',
  ) => lockSeats(state, { lockId, holder, seatNumbers: seats }, trip, policy, now);

  it('locks free seats for the TTL, with the maximum lifetime recorded', () => {
    expect(lock(given(), alice, ['a1', 'A2'])).toEqual([locked('L-new', alice, ['A1', 'A2'])]);
  });

  it('is all or nothing: one taken seat fails the request and names every taken seat', () => {
    const state = given(locked('L1', bob, ['A2']), locked('L2', bob, ['A3']));
    const error = thenThrows(() => lock(state, alice, ['A1', 'A2', 'A3']), 'seat.unavailable');
    expect(error.kind).toBe('conflict');
    expect(error.extensions.conflicts).toEqual([
      { seatNumber: 'A2', status: 'locked' },
      { seatNumber: 'A3', status: 'locked' },
    ]);
  });

  it('treats a hold past its expiry as free at once, before any expiry event', () => {
    const state = given(locked('L1', bob, ['A1']));
    expect(lock(state, alice, ['A1'], at(900))).toHaveLength(1);
    thenThrows(() => lock(state, alice, ['A1'], at(899)), 'seat.unavailable');
  });

  it('moves seats the holder already holds into the new lock instead of conflicting', () => {
    const state = given(locked('L1', alice, ['A1', 'A2']));
    const [event] = lock(state, alice, ['A2', 'A3'], at(60));
    expect(event.data.transferredFrom).toEqual([{ lockId: 'L1', seatNumbers: ['A2'] }]);
    const after = evolve(state, event);
    expect(after.holds.get('L1')?.seatNumbers).toEqual(['A1']);
    expect(after.holds.get('L-new')?.seatNumbers).toEqual(['A2', 'A3']);
  });

  it('counts the holder’s active holds on the trip against the per-booking maximum', () => {
    const state = given(locked('L1', alice, ['A1', 'A2', 'A3']), locked('L2', bob, ['A7']));
    expect(lock(state, alice, ['A4', 'A5'])).toHaveLength(1);
    const error = thenThrows(() => lock(state, alice, ['A4', 'A5', 'A6']), 'seat.limit_exceeded');
    expect(error.extensions).toEqual({ limit: 5, held: 3, requested: 3 });
    // Re-requesting seats already held does not count twice.
    expect(lock(state, alice, ['A1', 'A2', 'A3', 'A4', 'A5'])).toHaveLength(1);
    // Expired holds do not count.
    expect(lock(state, alice, ['A4', 'A5', 'A6'], at(901))).toHaveLength(1);
  });

  it('keeps the maximum lifetime of seats moved from an older hold', () => {
    const state = given(locked('L1', alice, ['A1']), {
      type: 'SeatLockExtended',
      data: { lockId: 'L1', tripId: 'trip-1', expiresAt: at(2600).toISOString() },
    });
    const [event] = lock(state, alice, ['A1', 'A2'], at(2000));
    expect(event.data.maxExpiresAt).toBe(at(2700).toISOString());
    expect(event.data.expiresAt).toBe(at(2700).toISOString()); // not now + TTL (2900)
  });

  it('rejects unknown and duplicate seats, and departed trips', () => {
    expect(
      thenThrows(() => lock(given(), alice, ['A1', 'Z9', 'Q1']), 'seat.unknown').message,
    ).toContain('Z9, Q1');
    thenThrows(() => lock(given(), alice, ['A1', 'a1']), 'seat.duplicate');
    thenThrows(() => lock(given(), alice, ['A1'], trip.departureAt), 'trip.departed');
  });
});

describe('extendSeatLock', () => {
  const state = given(locked('L1', alice, ['A1']));

  it('extends to now + TTL', () => {
    expect(extendSeatLock(state, { lockId: 'L1', holder: alice }, policy, at(600))).toEqual([
      {
        type: 'SeatLockExtended',
        data: {
          lockId: 'L1',
          tripId: 'trip-1',
          expiresAt: at(1500).toISOString(),
          previousExpiresAt: at(900).toISOString(),
          holder: alice,
          seatNumbers: ['A1'],
        },
      },
    ]);
  });

  it('caps at the maximum lifetime, then refuses with lock.max_lifetime', () => {
    const extended = given(locked('L1', alice, ['A1']), {
      type: 'SeatLockExtended',
      data: { lockId: 'L1', tripId: 'trip-1', expiresAt: at(2400).toISOString() },
    });
    const [capped] = extendSeatLock(extended, { lockId: 'L1', holder: alice }, policy, at(2000));
    expect(capped.data.expiresAt).toBe(at(2700).toISOString());
    const atCap = evolve(extended, capped);
    thenThrows(
      () => extendSeatLock(atCap, { lockId: 'L1', holder: alice }, policy, at(2100)),
      'lock.max_lifetime',
    );
  });

  it('never extends over a seat another holder holds (clocks of processes may differ)', () => {
    // Another process, whose clock ran ahead, saw L1 expired and let bob take A1.
    const skewed = given(locked('L1', alice, ['A1']), locked('L2', bob, ['A1'], 10));
    thenThrows(
      () => extendSeatLock(skewed, { lockId: 'L1', holder: alice }, policy, at(600)),
      'lock.not_found',
    );
  });

  it('answers lock.not_found for another holder’s, an expired or an unknown hold', () => {
    thenThrows(
      () => extendSeatLock(state, { lockId: 'L1', holder: bob }, policy, at(10)),
      'lock.not_found',
    );
    thenThrows(
      () => extendSeatLock(state, { lockId: 'L1', holder: alice }, policy, at(900)),
      'lock.not_found',
    );
    thenThrows(
      () => extendSeatLock(state, { lockId: 'nope', holder: alice }, policy, at(10)),
      'lock.not_found',
    );
  });
});

describe('releaseSeatLock', () => {
  const state = given(locked('L1', alice, ['A1', 'A2']));

  it('releases the holder’s seats', () => {
    expect(releaseSeatLock(state, { lockId: 'L1', holder: alice }, at(10))).toEqual([
      {
        type: 'SeatLockReleased',
        data: {
          lockId: 'L1',
          tripId: 'trip-1',
          seatNumbers: ['A1', 'A2'],
          expiresAt: at(900).toISOString(),
          holder: alice,
        },
      },
    ]);
  });

  it('is idempotent: releasing an ended hold changes nothing', () => {
    const released = evolve(
      state,
      releaseSeatLock(state, { lockId: 'L1', holder: alice }, at(10))[0],
    );
    expect(releaseSeatLock(released, { lockId: 'L1', holder: alice }, at(20))).toEqual([]);
    expect(releaseSeatLock(state, { lockId: 'L1', holder: alice }, at(900))).toEqual([]);
  });

  it('refuses another holder’s active hold', () => {
    thenThrows(
      () => releaseSeatLock(state, { lockId: 'L1', holder: bob }, at(10)),
      'lock.not_found',
    );
  });
});

describe('expireSeatLock', () => {
  const state = given(locked('L1', alice, ['A1']));

  it('records the expiry once the time has passed', () => {
    expect(expireSeatLock(state, { lockId: 'L1' }, at(900))).toEqual([
      {
        type: 'SeatLockExpired',
        data: {
          lockId: 'L1',
          tripId: 'trip-1',
          seatNumbers: ['A1'],
          expiredAt: at(900).toISOString(),
          holder: alice,
        },
      },
    ]);
  });

  it('does nothing for a hold that was extended, released or already expired', () => {
    expect(expireSeatLock(state, { lockId: 'L1' }, at(899))).toEqual([]);
    const gone = evolve(state, expireSeatLock(state, { lockId: 'L1' }, at(900))[0]);
    expect(expireSeatLock(gone, { lockId: 'L1' }, at(1000))).toEqual([]);
  });
});

describe('bookSeats', () => {
  const book = (state: SeatAllocation, seats: string[], options: Partial<BookSeats> = {}) =>
    bookSeats(
      state,
      { bookingId: 'B1', holder: alice, seatNumbers: seats, freeSeatsAllowed: false, ...options },
      at(60),
    );

  it('turns the holder’s held seats into the booking’s, ending the holds they empty', () => {
    const state = given(locked('L1', alice, ['A1', 'A2']), locked('L2', alice, ['A3']));
    const events = book(state, ['A1', 'A3']);
    expect(events).toEqual([
      {
        type: 'SeatsBooked',
        data: {
          tripId: 'trip-1',
          bookingId: 'B1',
          holder: alice,
          seatNumbers: ['A1', 'A3'],
          fromHolds: [
            { lockId: 'L1', seatNumbers: ['A1'] },
            { lockId: 'L2', seatNumbers: ['A3'] },
          ],
        },
      },
    ]);
    const after = events.reduce(evolve, state);
    expect([...after.booked]).toEqual([
      ['A1', 'B1'],
      ['A3', 'B1'],
    ]);
    expect(after.holds.get('L1')?.seatNumbers).toEqual(['A2']);
    expect(after.holds.has('L2')).toBe(false);
  });

  it('refuses seats not held by the holder, held by others or booked: nothing is booked', () => {
    const state = given(locked('L1', alice, ['A1']), locked('L2', bob, ['A2']));
    thenThrows(() => book(state, ['A1', 'A4']), 'seat.not_held');
    const error = thenThrows(() => book(state, ['A1', 'A2']), 'seat.unavailable');
    expect(error.extensions.conflicts).toEqual([{ seatNumber: 'A2', status: 'locked' }]);
    const booked = given(locked('L1', alice, ['A1']), ...book(state, ['A1']));
    thenThrows(
      () =>
        bookSeats(
          booked,
          { bookingId: 'B2', holder: bob, seatNumbers: ['A1'], freeSeatsAllowed: true },
          at(60),
        ),
      'seat.unavailable',
    );
    expect(book(booked, ['A1'])).toEqual([]); // already this booking's
  });

  it('refuses a lapsed hold, and takes free seats only when modifying', () => {
    const state = given(locked('L1', alice, ['A1']));
    thenThrows(
      () =>
        bookSeats(
          state,
          { bookingId: 'B1', holder: alice, seatNumbers: ['A1'], freeSeatsAllowed: false },
          at(900),
        ),
      'seat.not_held',
    );
    expect(book(state, ['A5'], { freeSeatsAllowed: true })[0].data).toMatchObject({
      seatNumbers: ['A5'],
      fromHolds: [],
    });
  });

  it('makes booked seats unavailable to locks, until the booking gives them back', () => {
    const state = given(locked('L1', alice, ['A1']));
    const booked = book(state, ['A1']).reduce(evolve, state);
    const error = thenThrows(
      () =>
        lockSeats(booked, { lockId: 'L9', holder: bob, seatNumbers: ['A1'] }, trip, policy, at(61)),
      'seat.unavailable',
    );
    expect(error.extensions.conflicts).toEqual([{ seatNumber: 'A1', status: 'booked' }]);
    const released = releaseBookedSeats(booked, { bookingId: 'B1', reason: 'cancelled' });
    expect(released).toEqual([
      {
        type: 'BookedSeatsReleased',
        data: { tripId: 'trip-1', bookingId: 'B1', seatNumbers: ['A1'], reason: 'cancelled' },
      },
    ]);
    const free = released.reduce(evolve, booked);
    expect(free.booked.size).toBe(0);
    expect(releaseBookedSeats(free, { bookingId: 'B1', reason: 'cancelled' })).toEqual([]);
    expect(
      lockSeats(free, { lockId: 'L9', holder: bob, seatNumbers: ['A1'] }, trip, policy, at(61)),
    ).toHaveLength(1);
  });
});
