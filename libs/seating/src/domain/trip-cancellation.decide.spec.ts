import { deciderSpec } from '../../../../test/utils/decider-specification';
import { bookSeats, lockSeats } from './seat-allocation.decide';
import { Holder, SeatsLocked } from './seat-allocation.events';
import { emptyAllocation, evolve } from './seat-allocation.state';
import { cancelTrip } from './trip-cancellation.decide';
import { joinWaitlist } from './waitlist.decide';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const departureAt = at(86_400);
const alice: Holder = { kind: 'user', id: 'alice' };
const locked = (lockId: string, seatNumbers: string[]): SeatsLocked => ({
  type: 'SeatsLocked',
  data: {
    lockId,
    tripId: 'trip-1',
    holder: alice,
    seatNumbers,
    lockedAt: T0.toISOString(),
    expiresAt: at(900).toISOString(),
    maxExpiresAt: at(2700).toISOString(),
    transferredFrom: [],
  },
});

describe('cancelTrip', () => {
  const spec = deciderSpec({
    decide: cancelTrip,
    evolve,
    initialState: () => emptyAllocation('trip-1'),
    context: { now: T0, departureAt },
  });

  it('ends every hold and closes the trip in one decision', () => {
    spec
      .given(locked('L1', ['A1']), locked('L2', ['A2', 'A3']))
      .when({ reason: 'Road closed' })
      .then(
        {
          type: 'SeatLockReleased',
          data: {
            lockId: 'L1',
            tripId: 'trip-1',
            seatNumbers: ['A1'],
            expiresAt: at(900).toISOString(),
            holder: alice,
          },
        },
        {
          type: 'SeatLockReleased',
          data: {
            lockId: 'L2',
            tripId: 'trip-1',
            seatNumbers: ['A2', 'A3'],
            expiresAt: at(900).toISOString(),
            holder: alice,
          },
        },
        {
          type: 'TripCancelled',
          data: { tripId: 'trip-1', reason: 'Road closed', cancelledAt: T0.toISOString() },
        },
      );
  });

  it('cancels once, and never a trip that has departed', () => {
    const cancelled = spec.given().when({ reason: 'first' }).thenDecided().state;
    expect(cancelled.cancelled).toEqual({ reason: 'first', cancelledAt: T0.toISOString() });
    spec
      .given({
        type: 'TripCancelled',
        data: { tripId: 'trip-1', reason: 'first', cancelledAt: T0.toISOString() },
      })
      .when({ reason: 'again' })
      .thenThrows('trip.cancelled');
    spec.given().when({ reason: 'late' }, { now: departureAt }).thenThrows('trip.departed');
  });

  it('leaves nothing to hold, book or wait for afterwards', () => {
    const state = [
      {
        type: 'TripCancelled',
        data: { tripId: 'trip-1', reason: 'x', cancelledAt: T0.toISOString() },
      } as const,
    ].reduce(evolve, emptyAllocation('trip-1'));
    const trip = { seatNumbers: new Set(['A1']), departureAt, maxSeatsPerBooking: 5 };
    const policy = {
      ttlSeconds: 900,
      maxLifetimeSeconds: 2700,
      guestSharePercent: 100,
      guestSeatsPerAddress: 9,
    };
    expect(() =>
      lockSeats({ lockId: 'L', holder: alice, seatNumbers: ['A1'] }, state, {
        now: T0,
        trip,
        holdPolicy: policy,
      }),
    ).toThrow(expect.objectContaining({ code: 'trip.cancelled' }));
    expect(() =>
      bookSeats(
        { bookingId: 'B', holder: alice, seatNumbers: ['A1'], freeSeatsAllowed: true },
        state,
        { now: T0 },
      ),
    ).toThrow(expect.objectContaining({ code: 'trip.cancelled' }));
    const seats = [
      { seatNumber: 'A1', deck: 1, row: 1, col: 1, type: 'standard' as const, accessible: false },
    ];
    expect(() =>
      joinWaitlist(
        { entryId: 'W', holder: alice, seats: 1, contact: { email: 's', emailMasked: 'm' } },
        state,
        { now: T0, trip: { seats, departureAt, maxSeatsPerBooking: 5 }, guestPlacesPerAddress: 2 },
      ),
    ).toThrow(expect.objectContaining({ code: 'trip.cancelled' }));
  });
});
