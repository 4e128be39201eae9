import { Holder, SeatAllocationEvent, SeatsLocked } from './seat-allocation.events';
import { emptyAllocation, evolve, SeatAllocation } from './seat-allocation.state';
import { seatChanges, seatMapOf, seatsChangedBy, versionIsExact } from './seat-map';
import { holdChangesOf } from './hold-change';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const alice: Holder = { kind: 'user', id: 'alice' };
const bob: Holder = { kind: 'guest', id: 'bob' };
const trip = {
  id: 'trip-1',
  fares: { standard: { amount: 100_000, currency: 'VND' } },
  seats: ['A2', 'A1', 'A3'].map((seatNumber, i) => ({
    seatNumber,
    deck: 1,
    row: 1,
    col: [2, 1, 3][i],
    type: 'standard' as const,
    accessible: false,
  })),
};

const locked = (lockId: string, holder: Holder, seatNumbers: string[], ttl = 900): SeatsLocked => ({
  type: 'SeatsLocked',
  data: {
    lockId,
    tripId: 'trip-1',
    holder,
    seatNumbers,
    lockedAt: at(0).toISOString(),
    expiresAt: at(ttl).toISOString(),
    maxExpiresAt: at(2700).toISOString(),
    transferredFrom: [],
  },
});
const given = (...events: SeatAllocationEvent[]): SeatAllocation =>
  events.reduce(evolve, emptyAllocation('trip-1'));

describe('seatMapOf', () => {
  it('orders seats, marks the holder’s, and frees seats whose hold has lapsed', () => {
    const state = given(locked('L1', alice, ['A1']), locked('L2', bob, ['A2'], 60));
    const map = seatMapOf(trip, state, at(30), alice);
    expect(map.version).toBe(2);
    expect(map.seats.map((s) => [s.seatNumber, s.status, s.heldByYou, s.expiresAt])).toEqual([
      ['A1', 'locked', true, at(900).toISOString()],
      ['A2', 'locked', false, at(60).toISOString()],
      ['A3', 'available', false, undefined],
    ]);
    expect(seatMapOf(trip, state, at(60)).seats[1]).toMatchObject({ status: 'available' });
  });
});

describe('versionIsExact', () => {
  it('holds until a hold passes its expiry without the log recording it', () => {
    const state = given(locked('L1', alice, ['A1'], 60));
    expect(versionIsExact(state, at(59))).toBe(true);
    expect(versionIsExact(state, at(60))).toBe(false);
  });
});

describe('seatChanges', () => {
  const judged = (state: SeatAllocation, seconds: number) => ({ state, asOf: at(seconds) });

  it('lists the seats whose status or expiry changed, in seat order', () => {
    const before = given(locked('L1', alice, ['A2', 'A1']));
    expect(seatChanges(judged(emptyAllocation('trip-1'), 0), judged(before, 0))).toEqual([
      { seatNumber: 'A1', status: 'locked', expiresAt: at(900).toISOString() },
      { seatNumber: 'A2', status: 'locked', expiresAt: at(900).toISOString() },
    ]);
    const extended = evolve(before, {
      type: 'SeatLockExtended',
      data: { lockId: 'L1', tripId: 'trip-1', expiresAt: at(1200).toISOString() },
    });
    expect(seatChanges(judged(before, 0), judged(extended, 10)).map((c) => c.expiresAt)).toEqual([
      at(1200).toISOString(),
      at(1200).toISOString(),
    ]);
    const released = evolve(extended, {
      type: 'SeatLockReleased',
      data: { lockId: 'L1', tripId: 'trip-1', seatNumbers: ['A1', 'A2'] },
    });
    expect(seatChanges(judged(extended, 10), judged(released, 20))).toEqual([
      { seatNumber: 'A1', status: 'available' },
      { seatNumber: 'A2', status: 'available' },
    ]);
  });

  it('never shows a lapsed hold again: retaken by someone else, released, then expired', () => {
    const lapsing = given(locked('L1', alice, ['A1'], 60));
    const retaken = evolve(lapsing, locked('L2', bob, ['A1'], 900));
    expect(seatChanges(judged(lapsing, 0), judged(retaken, 120))).toEqual([
      { seatNumber: 'A1', status: 'locked', expiresAt: at(900).toISOString() },
    ]);
    const released = evolve(retaken, {
      type: 'SeatLockReleased',
      data: { lockId: 'L2', tripId: 'trip-1', seatNumbers: ['A1'] },
    });
    expect(seatChanges(judged(retaken, 120), judged(released, 130))).toEqual([
      { seatNumber: 'A1', status: 'available' },
    ]);
    const expired = evolve(released, {
      type: 'SeatLockExpired',
      data: {
        lockId: 'L1',
        tripId: 'trip-1',
        seatNumbers: ['A1'],
        expiredAt: at(60).toISOString(),
      },
    });
    expect(seatChanges(judged(released, 130), judged(expired, 140))).toEqual([]);
    expect(expired.version).toBe(4); // the version still moves: a delta with no changes
  });

  it('frees the seats of a hold that lapsed between two events', () => {
    const state = given(locked('L1', alice, ['A1'], 60));
    const expired = evolve(state, {
      type: 'SeatLockExpired',
      data: {
        lockId: 'L1',
        tripId: 'trip-1',
        seatNumbers: ['A1'],
        expiredAt: at(60).toISOString(),
      },
    });
    expect(seatChanges(judged(state, 0), judged(expired, 61))).toEqual([
      { seatNumber: 'A1', status: 'available' },
    ]);
  });
});

describe('seatsChangedBy', () => {
  it('names the seats of the events, of extensions without seats, and of lapsed holds', () => {
    const events: SeatAllocationEvent[] = [
      locked('L1', alice, ['A1']),
      {
        type: 'SeatLockExtended',
        data: { lockId: 'L2', tripId: 'trip-1', expiresAt: at(99).toISOString() },
      },
    ];
    const state = given(locked('L2', bob, ['A2']), locked('L3', bob, ['A3'], 30), ...events);
    expect([...seatsChangedBy(events, state, at(10))].sort()).toEqual(['A1', 'A2']);
    expect([...seatsChangedBy([], state, at(30))]).toEqual(['A3']);
  });
});

describe('holdChangesOf', () => {
  it('names the holder from the event, or from the state for older events', () => {
    const state = given(locked('L1', alice, ['A1']));
    expect(holdChangesOf(locked('L2', bob, ['A2']), 2)).toEqual([
      {
        holder: bob,
        change: {
          tripId: 'trip-1',
          version: 2,
          lockId: 'L2',
          change: 'locked',
          seatNumbers: ['A2'],
          expiresAt: at(900).toISOString(),
          transferredFrom: [],
        },
      },
    ]);
    const legacyRelease: SeatAllocationEvent = {
      type: 'SeatLockReleased',
      data: { lockId: 'L1', tripId: 'trip-1', seatNumbers: ['A1'] },
    };
    expect(holdChangesOf(legacyRelease, 2, state)[0].holder).toEqual(alice);
    expect(holdChangesOf(legacyRelease, 2)).toEqual([]);
    const extended: SeatAllocationEvent = {
      type: 'SeatLockExtended',
      data: { lockId: 'L1', tripId: 'trip-1', expiresAt: at(1000).toISOString() },
    };
    expect(holdChangesOf(extended, 2, state)[0].change).toMatchObject({
      change: 'extended',
      seatNumbers: ['A1'],
      expiresAt: at(1000).toISOString(),
    });
  });
});
