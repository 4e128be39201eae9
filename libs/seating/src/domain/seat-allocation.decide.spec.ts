import { deciderSpec } from '../../../../test/utils/decider-specification';
import {
  BookSeats,
  bookSeats,
  expireSeatLock,
  extendSeatLock,
  HoldPolicy,
  LockSeats,
  lockSeats,
  releaseBookedSeats,
  releaseSeatLock,
  TripFacts,
} from './seat-allocation.decide';
import { Holder, SeatLockExtended, SeatsBooked, SeatsLocked } from './seat-allocation.events';
import { emptyAllocation, evolve } from './seat-allocation.state';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const holdPolicy: HoldPolicy = {
  ttlSeconds: 900,
  maxLifetimeSeconds: 2700,
  guestSharePercent: 100,
  guestSeatsPerAddress: 100,
};
const trip: TripFacts = {
  seatNumbers: new Set(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']),
  departureAt: at(86_400),
  maxSeatsPerBooking: 5,
};
const alice: Holder = { kind: 'user', id: 'alice' };
const bob: Holder = { kind: 'guest', id: 'bob' };

/** Every seat allocation spec starts on trip-1 with no holds, at T0. */
const allocation = { evolve, initialState: () => emptyAllocation('trip-1') };

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

/** An extension as events recorded before they carried the holder and seats. */
const extendedTo = (lockId: string, atSeconds: number): SeatLockExtended => ({
  type: 'SeatLockExtended',
  data: { lockId, tripId: 'trip-1', expiresAt: at(atSeconds).toISOString() },
});

describe('lockSeats', () => {
  const spec = deciderSpec({
    decide: lockSeats,
    ...allocation,
    context: { now: T0, trip, holdPolicy },
  });
  const lock = (holder: Holder, seatNumbers: string[], lockId = 'L-new'): LockSeats => ({
    lockId,
    holder,
    seatNumbers,
  });

  it('lets guests together hold only their share of the trip (issue 17, hole 3)', () => {
    const carol: Holder = { kind: 'guest', id: 'carol' };
    const shared = { now: T0, trip, holdPolicy: { ...holdPolicy, guestSharePercent: 50 } };
    const guestsHoldTwo = spec.given(locked('L-bob', bob, ['A1', 'A2']));
    const error = guestsHoldTwo
      .when(lock(carol, ['A3', 'A4']), shared)
      .thenThrows('seat.guest_share_exceeded');
    expect(error.extensions).toEqual({ limit: 3, held: 2, requested: 2 });
    guestsHoldTwo.when(lock(carol, ['A3']), shared).thenDecided();
    guestsHoldTwo.when(lock(alice, ['A3', 'A4', 'A5']), shared).thenDecided();
    // A guest re-holding its own seats is not counted twice.
    guestsHoldTwo.when(lock(bob, ['A1', 'A2', 'A3']), shared).thenDecided();
  });

  it('lets the guest sessions of one address hold only their allowance of a trip', () => {
    const carol: Holder = { kind: 'guest', id: 'carol' };
    const rules = { now: T0, trip, holdPolicy: { ...holdPolicy, guestSeatsPerAddress: 3 } };
    const fromHome = spec.given(
      locked('L-bob', bob, ['A1', 'A2'], 0, { origin: 'home' }),
      locked('L-elsewhere', { kind: 'guest', id: 'dan' }, ['A6', 'A7'], 0, { origin: 'work' }),
    );
    const error = fromHome
      .when({ ...lock(carol, ['A3', 'A4']), origin: 'home' }, rules)
      .thenThrows('seat.guest_address_limit');
    expect(error.extensions).toEqual({ limit: 3, held: 2, requested: 2 });
    expect(error.retryAfterSeconds).toBe(900); // when bob's hold ends
    fromHome
      .when({ ...lock(carol, ['A3']), origin: 'home' }, rules)
      .then(locked('L-new', carol, ['A3'], 0, { origin: 'home' }));
    fromHome.when({ ...lock(carol, ['A3', 'A4']), origin: 'cafe' }, rules).thenDecided();
    fromHome.when(lock(alice, ['A3', 'A4', 'A5']), rules).thenDecided();
  });

  it('locks free seats for the TTL, with the maximum lifetime recorded', () => {
    spec
      .given()
      .when(lock(alice, ['a1', 'A2']))
      .then(locked('L-new', alice, ['A1', 'A2']));
  });

  it('is all or nothing: one taken seat fails the request and names every taken seat', () => {
    const error = spec
      .given(locked('L1', bob, ['A2']), locked('L2', bob, ['A3']))
      .when(lock(alice, ['A1', 'A2', 'A3']))
      .thenThrows('seat.unavailable');
    expect(error.kind).toBe('conflict');
    expect(error.extensions.conflicts).toEqual([
      { seatNumber: 'A2', status: 'locked' },
      { seatNumber: 'A3', status: 'locked' },
    ]);
  });

  it('treats a hold past its expiry as free at once, before any expiry event', () => {
    const given = spec.given(locked('L1', bob, ['A1']));
    expect(given.when(lock(alice, ['A1']), { now: at(900) }).thenDecided().events).toHaveLength(1);
    given.when(lock(alice, ['A1']), { now: at(899) }).thenThrows('seat.unavailable');
  });

  it('moves seats the holder already holds into the new lock instead of conflicting', () => {
    const { events, state: after } = spec
      .given(locked('L1', alice, ['A1', 'A2']))
      .when(lock(alice, ['A2', 'A3']), { now: at(60) })
      .thenDecided();
    expect(events[0].data.transferredFrom).toEqual([{ lockId: 'L1', seatNumbers: ['A2'] }]);
    expect(after.holds.get('L1')?.seatNumbers).toEqual(['A1']);
    expect(after.holds.get('L-new')?.seatNumbers).toEqual(['A2', 'A3']);
  });

  it('counts the holder’s active holds on the trip against the per-booking maximum', () => {
    const given = spec.given(locked('L1', alice, ['A1', 'A2', 'A3']), locked('L2', bob, ['A7']));
    expect(given.when(lock(alice, ['A4', 'A5'])).thenDecided().events).toHaveLength(1);
    const error = given.when(lock(alice, ['A4', 'A5', 'A6'])).thenThrows('seat.limit_exceeded');
    expect(error.extensions).toEqual({ limit: 5, held: 3, requested: 3 });
    // Re-requesting seats already held does not count twice.
    expect(
      given.when(lock(alice, ['A1', 'A2', 'A3', 'A4', 'A5'])).thenDecided().events,
    ).toHaveLength(1);
    // Expired holds do not count.
    expect(
      given.when(lock(alice, ['A4', 'A5', 'A6']), { now: at(901) }).thenDecided().events,
    ).toHaveLength(1);
  });

  it('keeps the maximum lifetime of seats moved from an older hold', () => {
    const {
      events: [event],
    } = spec
      .given(locked('L1', alice, ['A1']), extendedTo('L1', 2600))
      .when(lock(alice, ['A1', 'A2']), { now: at(2000) })
      .thenDecided();
    expect(event.data.maxExpiresAt).toBe(at(2700).toISOString());
    expect(event.data.expiresAt).toBe(at(2700).toISOString()); // not now + TTL (2900)
  });

  it('rejects unknown and duplicate seats, and departed trips', () => {
    expect(
      spec
        .given()
        .when(lock(alice, ['A1', 'Z9', 'Q1']))
        .thenThrows('seat.unknown').message,
    ).toContain('Z9, Q1');
    spec
      .given()
      .when(lock(alice, ['A1', 'a1']))
      .thenThrows('seat.duplicate');
    spec
      .given()
      .when(lock(alice, ['A1']), { now: trip.departureAt })
      .thenThrows('trip.departed');
  });
});

describe('extendSeatLock', () => {
  const spec = deciderSpec({
    decide: extendSeatLock,
    ...allocation,
    context: { now: T0, holdPolicy },
  });

  it('extends to now + TTL', () => {
    spec
      .given(locked('L1', alice, ['A1']))
      .when({ lockId: 'L1', holder: alice }, { now: at(600) })
      .then({
        type: 'SeatLockExtended',
        data: {
          lockId: 'L1',
          tripId: 'trip-1',
          expiresAt: at(1500).toISOString(),
          previousExpiresAt: at(900).toISOString(),
          holder: alice,
          seatNumbers: ['A1'],
        },
      });
  });

  it('caps at the maximum lifetime, then refuses with lock.max_lifetime', () => {
    const history = [locked('L1', alice, ['A1']), extendedTo('L1', 2400)];
    const {
      events: [capped],
    } = spec
      .given(...history)
      .when({ lockId: 'L1', holder: alice }, { now: at(2000) })
      .thenDecided();
    expect(capped.data.expiresAt).toBe(at(2700).toISOString());
    spec
      .given(...history, capped)
      .when({ lockId: 'L1', holder: alice }, { now: at(2100) })
      .thenThrows('lock.max_lifetime');
  });

  it('never extends over a seat another holder holds (clocks of processes may differ)', () => {
    // Another process, whose clock ran ahead, saw L1 expired and let bob take A1.
    spec
      .given(locked('L1', alice, ['A1']), locked('L2', bob, ['A1'], 10))
      .when({ lockId: 'L1', holder: alice }, { now: at(600) })
      .thenThrows('lock.not_found');
  });

  it('answers lock.not_found for another holder’s, an expired or an unknown hold', () => {
    const given = spec.given(locked('L1', alice, ['A1']));
    given.when({ lockId: 'L1', holder: bob }, { now: at(10) }).thenThrows('lock.not_found');
    given.when({ lockId: 'L1', holder: alice }, { now: at(900) }).thenThrows('lock.not_found');
    given.when({ lockId: 'nope', holder: alice }, { now: at(10) }).thenThrows('lock.not_found');
  });
});

describe('releaseSeatLock', () => {
  const spec = deciderSpec({ decide: releaseSeatLock, ...allocation, context: { now: T0 } });
  const holding = locked('L1', alice, ['A1', 'A2']);

  it('releases the holder’s seats', () => {
    spec
      .given(holding)
      .when({ lockId: 'L1', holder: alice }, { now: at(10) })
      .then({
        type: 'SeatLockReleased',
        data: {
          lockId: 'L1',
          tripId: 'trip-1',
          seatNumbers: ['A1', 'A2'],
          expiresAt: at(900).toISOString(),
          holder: alice,
        },
      });
  });

  it('is idempotent: releasing an ended hold changes nothing', () => {
    const { events: released } = spec
      .given(holding)
      .when({ lockId: 'L1', holder: alice }, { now: at(10) })
      .thenDecided();
    spec
      .given(holding, ...released)
      .when({ lockId: 'L1', holder: alice }, { now: at(20) })
      .thenNothingHappened();
    spec
      .given(holding)
      .when({ lockId: 'L1', holder: alice }, { now: at(900) })
      .thenNothingHappened();
  });

  it('refuses another holder’s active hold', () => {
    spec
      .given(holding)
      .when({ lockId: 'L1', holder: bob }, { now: at(10) })
      .thenThrows('lock.not_found');
  });
});

describe('expireSeatLock', () => {
  const spec = deciderSpec({ decide: expireSeatLock, ...allocation, context: { now: T0 } });
  const holding = locked('L1', alice, ['A1']);

  it('records the expiry once the time has passed', () => {
    spec
      .given(holding)
      .when({ lockId: 'L1' }, { now: at(900) })
      .then({
        type: 'SeatLockExpired',
        data: {
          lockId: 'L1',
          tripId: 'trip-1',
          seatNumbers: ['A1'],
          expiredAt: at(900).toISOString(),
          holder: alice,
        },
      });
  });

  it('does nothing for a hold that was extended, released or already expired', () => {
    spec
      .given(holding)
      .when({ lockId: 'L1' }, { now: at(899) })
      .thenNothingHappened();
    const { events: expired } = spec
      .given(holding)
      .when({ lockId: 'L1' }, { now: at(900) })
      .thenDecided();
    spec
      .given(holding, ...expired)
      .when({ lockId: 'L1' }, { now: at(1000) })
      .thenNothingHappened();
  });
});

describe('bookSeats', () => {
  const spec = deciderSpec({ decide: bookSeats, ...allocation, context: { now: at(60) } });
  const book = (seatNumbers: string[], options: Partial<BookSeats> = {}): BookSeats => ({
    bookingId: 'B1',
    holder: alice,
    seatNumbers,
    freeSeatsAllowed: false,
    ...options,
  });
  const locking = deciderSpec({
    decide: lockSeats,
    ...allocation,
    context: { now: at(61), trip, holdPolicy },
  });
  const releasing = deciderSpec({
    decide: releaseBookedSeats,
    ...allocation,
    context: { now: at(61) },
  });

  it('turns the holder’s held seats into the booking’s, ending the holds they empty', () => {
    const { state: after } = spec
      .given(locked('L1', alice, ['A1', 'A2']), locked('L2', alice, ['A3']))
      .when(book(['A1', 'A3']))
      .then({
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
      });
    expect([...after.booked]).toEqual([
      ['A1', 'B1'],
      ['A3', 'B1'],
    ]);
    expect(after.holds.get('L1')?.seatNumbers).toEqual(['A2']);
    expect(after.holds.has('L2')).toBe(false);
  });

  it('refuses seats not held by the holder, held by others or booked: nothing is booked', () => {
    const given = spec.given(locked('L1', alice, ['A1']), locked('L2', bob, ['A2']));
    given.when(book(['A1', 'A4'])).thenThrows('seat.not_held');
    const error = given.when(book(['A1', 'A2'])).thenThrows('seat.unavailable');
    expect(error.extensions.conflicts).toEqual([{ seatNumber: 'A2', status: 'locked' }]);
    const { events: bookedA1 } = given.when(book(['A1'])).thenDecided();
    const booked = spec.given(locked('L1', alice, ['A1']), ...bookedA1);
    booked
      .when(book(['A1'], { bookingId: 'B2', holder: bob, freeSeatsAllowed: true }))
      .thenThrows('seat.unavailable');
    booked.when(book(['A1'])).thenNothingHappened(); // already this booking's
  });

  it('refuses a lapsed hold, and takes free seats only when modifying', () => {
    const given = spec.given(locked('L1', alice, ['A1']));
    given.when(book(['A1']), { now: at(900) }).thenThrows('seat.not_held');
    const { events } = given.when(book(['A5'], { freeSeatsAllowed: true })).thenDecided();
    expect(events[0].data).toMatchObject({ seatNumbers: ['A5'], fromHolds: [] });
  });

  it('makes booked seats unavailable to locks, until the booking gives them back', () => {
    const holding = locked('L1', alice, ['A1']);
    const { events: booked } = spec
      .given(holding)
      .when(book(['A1']))
      .thenDecided();
    const error = locking
      .given(holding, ...booked)
      .when({ lockId: 'L9', holder: bob, seatNumbers: ['A1'] })
      .thenThrows('seat.unavailable');
    expect(error.extensions.conflicts).toEqual([{ seatNumber: 'A1', status: 'booked' }]);
    const { events: released, state: free } = releasing
      .given(holding, ...booked)
      .when({ bookingId: 'B1', reason: 'cancelled' })
      .then({
        type: 'BookedSeatsReleased',
        data: { tripId: 'trip-1', bookingId: 'B1', seatNumbers: ['A1'], reason: 'cancelled' },
      });
    expect(free.booked.size).toBe(0);
    releasing
      .given(holding, ...booked, ...released)
      .when({ bookingId: 'B1', reason: 'cancelled' })
      .thenNothingHappened();
    expect(
      locking
        .given(holding, ...booked, ...released)
        .when({ lockId: 'L9', holder: bob, seatNumbers: ['A1'] })
        .thenDecided().events,
    ).toHaveLength(1);
  });
});

describe('releaseBookedSeats', () => {
  const spec = deciderSpec({ decide: releaseBookedSeats, ...allocation, context: { now: T0 } });
  const seatsBooked = (bookingId: string, seatNumbers: string[]): SeatsBooked => ({
    type: 'SeatsBooked',
    data: { tripId: 'trip-1', bookingId, holder: alice, seatNumbers, fromHolds: [] },
  });

  it('gives back only the seats named, and only the booking’s own', () => {
    spec
      .given(seatsBooked('B1', ['A1', 'A2']), seatsBooked('B2', ['A3']))
      .when({ bookingId: 'B1', seatNumbers: ['A2', 'A3'], reason: 'modified' })
      .then({
        type: 'BookedSeatsReleased',
        data: { tripId: 'trip-1', bookingId: 'B1', seatNumbers: ['A2'], reason: 'modified' },
      });
  });
});
