import { deciderSpec } from '../../../../test/utils/decider-specification';
import { bookSeats } from './seat-allocation.decide';
import { Holder, SeatsLocked, TripDelayed } from './seat-allocation.events';
import { emptyAllocation, evolve } from './seat-allocation.state';
import { cancelTrip } from './trip-cancellation.decide';
import { delayTrip } from './trip-delay.decide';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const departureAt = minutes(24 * 60);
const arrivalAt = minutes(30 * 60);
const alice: Holder = { kind: 'user', id: 'alice' };
const context = {
  now: T0,
  departureAt,
  arrivalAt,
  freeCancellation: { afterMinutes: 60, forHours: 24 },
};
const delaying = deciderSpec({
  decide: delayTrip,
  evolve,
  initialState: () => emptyAllocation('trip-1'),
  context,
});
const delayed = (by: number, now = T0): TripDelayed[] =>
  delaying
    .given()
    .when({ newDepartureAt: minutes(24 * 60 + by), reason: 'Flooding' }, { now })
    .thenDecided().events;

describe('delayTrip', () => {
  it('moves departure and arrival by as much; a long delay opens free cancellation', () => {
    delaying
      .given()
      .when({ newDepartureAt: minutes(24 * 60 + 90), reason: 'Flooding' })
      .then({
        type: 'TripDelayed',
        data: {
          tripId: 'trip-1',
          departureAt: minutes(24 * 60 + 90).toISOString(),
          arrivalAt: minutes(30 * 60 + 90).toISOString(),
          previousDepartureAt: departureAt.toISOString(),
          scheduledDepartureAt: departureAt.toISOString(),
          delayMinutes: 90,
          reason: 'Flooding',
          delayedAt: T0.toISOString(),
          freeCancellationUntil: minutes(24 * 60).toISOString(),
        },
      });
  });

  it('opens no free cancellation for a delay up to the policy’s minutes', () => {
    expect(delayed(60)[0].data.freeCancellationUntil).toBeUndefined();
  });

  it('counts a second delay from the departure first scheduled', () => {
    const [second] = delaying
      .given(...delayed(40))
      .when({ newDepartureAt: minutes(24 * 60 + 70), reason: 'Still flooded' })
      .thenDecided().events;
    expect(second.data).toMatchObject({
      previousDepartureAt: minutes(24 * 60 + 40).toISOString(),
      scheduledDepartureAt: departureAt.toISOString(),
      delayMinutes: 70,
      arrivalAt: minutes(30 * 60 + 70).toISOString(),
    });
    expect(second.data.freeCancellationUntil).toBeDefined();
  });

  it('refuses a departure that is not later, a delay over a week, and a departed trip', () => {
    delaying
      .given()
      .when({ newDepartureAt: departureAt, reason: 'x' })
      .thenThrows('trip.delay_not_later');
    delaying
      .given(...delayed(40))
      .when({ newDepartureAt: minutes(24 * 60 + 30), reason: 'x' })
      .thenThrows('trip.delay_not_later');
    delaying
      .given()
      .when({ newDepartureAt: minutes(24 * 60 + 7 * 24 * 60 + 1), reason: 'x' })
      .thenThrows('trip.delay_too_long');
    delaying
      .given()
      .when({ newDepartureAt: minutes(30 * 60), reason: 'x' }, { now: departureAt })
      .thenThrows('trip.departed');
    // Departed by the delayed time, not the scheduled one.
    delaying
      .given(...delayed(40))
      .when({ newDepartureAt: minutes(26 * 60), reason: 'x' }, { now: minutes(24 * 60 + 10) })
      .thenDecided();
  });

  it('refuses a cancelled trip', () => {
    const cancelled = deciderSpec({
      decide: cancelTrip,
      evolve,
      initialState: () => emptyAllocation('trip-1'),
      context: { now: T0, departureAt },
    })
      .given()
      .when({ reason: 'Road closed' })
      .thenDecided().events;
    delaying
      .given(...cancelled)
      .when({ newDepartureAt: minutes(25 * 60), reason: 'x' })
      .thenThrows('trip.cancelled');
  });
});

describe('bookSeats after a delay', () => {
  const locked: SeatsLocked = {
    type: 'SeatsLocked',
    data: {
      lockId: 'L1',
      tripId: 'trip-1',
      holder: alice,
      seatNumbers: ['A1'],
      lockedAt: T0.toISOString(),
      expiresAt: minutes(15).toISOString(),
      maxExpiresAt: minutes(45).toISOString(),
      transferredFrom: [],
    },
  };
  const booking = {
    bookingId: 'b-1',
    holder: alice,
    seatNumbers: ['A1'],
    freeSeatsAllowed: false,
  };
  const booking1 = deciderSpec({
    decide: bookSeats,
    evolve,
    initialState: () => emptyAllocation('trip-1'),
    context: { now: T0 },
  });

  it('refuses a booking made for the departure before the delay', () => {
    const error = booking1
      .given(locked, ...delayed(90))
      .when({ ...booking, departureAt: departureAt.toISOString() })
      .thenThrows('trip.rescheduled');
    expect(error.extensions.departureAt).toBe(minutes(24 * 60 + 90).toISOString());
  });

  it('books for the new departure', () => {
    booking1
      .given(locked, ...delayed(90))
      .when({ ...booking, departureAt: minutes(24 * 60 + 90).toISOString() })
      .thenDecided();
  });
});
