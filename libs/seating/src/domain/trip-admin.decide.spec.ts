import { deciderSpec } from '../../../../test/utils/decider-specification';
import { Bus } from './catalog.types';
import { bookSeats, lockSeats } from './seat-allocation.decide';
import { Holder, SeatAllocationEvent, SeatsLocked } from './seat-allocation.events';
import { emptyAllocation, evolve } from './seat-allocation.state';
import { changeFares, closeSales, openSales, updateTrip } from './trip-admin.decide';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3600_000);
const alice: Holder = { kind: 'user', id: 'alice' };
const bus: Bus = {
  id: 'bus-1',
  name: 'Coach',
  plateNumber: '29B-1',
  seats: [
    { seatNumber: 'A1', deck: 1, row: 1, col: 1, type: 'standard', accessible: false },
    { seatNumber: 'A2', deck: 1, row: 1, col: 2, type: 'limousine', accessible: false },
  ],
};
const fares = {
  standard: { amount: 300_000, currency: 'VND' },
  limousine: { amount: 450_000, currency: 'VND' },
};
const context = {
  now: T0,
  trip: {
    busId: 'bus-1',
    origin: 'Hà Nội',
    destination: 'Sa Pa',
    departureAt: hours(24),
    arrivalAt: hours(30),
    fares,
  },
  bus,
  currency: 'VND',
};
const spec = <C, E extends SeatAllocationEvent>(
  decide: (c: C, s: ReturnType<typeof emptyAllocation>, x: typeof context) => E[],
) => deciderSpec({ decide, evolve, initialState: () => emptyAllocation('trip-1'), context });
const locked: SeatsLocked = {
  type: 'SeatsLocked',
  data: {
    lockId: 'L1',
    tripId: 'trip-1',
    holder: alice,
    seatNumbers: ['A1'],
    lockedAt: T0.toISOString(),
    expiresAt: hours(0.25).toISOString(),
    maxExpiresAt: hours(0.75).toISOString(),
    transferredFrom: [],
  },
};
const booked = bookSeats(
  { bookingId: 'b-1', holder: alice, seatNumbers: ['A1'], freeSeatsAllowed: false },
  evolve(emptyAllocation('trip-1'), locked),
  { now: T0 },
);

describe('updateTrip', () => {
  const updating = spec(updateTrip);

  it('records only what changes; a new departure moves the arrival by as much', () => {
    updating
      .given()
      .when({ departureAt: hours(25), origin: 'Hà Nội' })
      .then({
        type: 'TripUpdated',
        data: {
          tripId: 'trip-1',
          changes: { departureAt: hours(25).toISOString(), arrivalAt: hours(31).toISOString() },
          updatedAt: T0.toISOString(),
        },
      });
    updating.given().when({ origin: 'Hà Nội' }).thenNothingHappened();
  });

  it('refuses once a booking owns a seat, and a new bus while a seat is held', () => {
    updating
      .given(locked, ...booked)
      .when({ origin: 'Hải Phòng' })
      .thenThrows('trip.has_bookings');
    updating
      .given(locked)
      .when({ busId: 'bus-2' }, { ...context, newBus: { ...bus, id: 'bus-2' } } as never)
      .thenThrows('trip.has_holds');
  });

  it('checks the schedule and route like scheduling does', () => {
    updating
      .given()
      .when({ arrivalAt: hours(20) })
      .thenThrows('trip.invalid_schedule');
    updating.given().when({ destination: ' hà nội ' }).thenThrows('trip.same_origin_destination');
    updating
      .given()
      .when({ departureAt: hours(-1) })
      .thenThrows('trip.departure_in_past');
  });

  it('gives the allocation the new times: a booking made for the old departure is refused', () => {
    const [moved] = updating
      .given()
      .when({ departureAt: hours(25) })
      .thenDecided().events;
    const state = [locked, moved].reduce(evolve, emptyAllocation('trip-1'));
    expect(() =>
      bookSeats(
        {
          bookingId: 'b-2',
          holder: alice,
          seatNumbers: ['A1'],
          freeSeatsAllowed: false,
          departureAt: hours(24).toISOString(),
        },
        state,
        { now: T0 },
      ),
    ).toThrow(expect.objectContaining({ code: 'trip.rescheduled' }));
  });
});

describe('changeFares', () => {
  it('needs a fare for every seat type of the bus, in the currency', () => {
    const changing = spec(changeFares);
    changing
      .given()
      .when({ fares: { standard: fares.standard } })
      .thenThrows('trip.fare_missing');
    changing
      .given(locked, ...booked)
      .when({ fares: { ...fares, standard: { amount: 350_000, currency: 'VND' } } })
      .thenDecided();
  });
});

describe('closing and opening sales', () => {
  it('refuses holds and bookings while closed; closing twice changes nothing', () => {
    const closed = spec(closeSales).given().when({ reason: 'Group' }).thenDecided().events;
    spec(closeSales)
      .given(...closed)
      .when({})
      .thenNothingHappened();
    const state = closed.reduce(evolve, emptyAllocation('trip-1'));
    expect(() =>
      lockSeats({ lockId: 'L2', holder: alice, seatNumbers: ['A2'] } as never, state, {
        now: T0,
        trip: { departureAt: hours(24), seatNumbers: new Set(['A1', 'A2']) },
      } as never),
    ).toThrow(expect.objectContaining({ code: 'trip.sales_closed' }));
    const opened = spec(openSales)
      .given(...closed)
      .when({})
      .thenDecided().events;
    expect(
      [...closed, ...opened].reduce(evolve, emptyAllocation('trip-1')).salesClosed,
    ).toBeUndefined();
  });
});
