import { deciderSpec } from '../../../../test/utils/decider-specification';
import {
  NewCatalogStream,
  registerBus,
  RegisterBus,
  scheduleTrip,
  ScheduleTrip,
} from './catalog.decide';
import { Bus, SeatLayout } from './catalog.types';
import { CatalogEvent } from './events';

const now = new Date('2026-11-25T08:00:00Z');
const tripPolicy = { currency: 'VND', defaultMaxSeatsPerBooking: 5 };
const seat = (
  seatNumber: string,
  row: number,
  col: number,
  overrides: Partial<SeatLayout> = {},
): SeatLayout => ({
  seatNumber,
  deck: 1,
  row,
  col,
  type: 'standard',
  accessible: false,
  ...overrides,
});

/** A bus's or a trip's stream is started by its one decision: there is never a history to fold. */
const newStream = {
  initialState: (): NewCatalogStream => null,
  evolve: (_: NewCatalogStream, event: CatalogEvent): NewCatalogStream => {
    throw new Error(`a new catalog stream has no history, yet ${event.type} was given`);
  },
};

describe('registerBus', () => {
  const spec = deciderSpec({ decide: registerBus, ...newStream, context: { now } });
  const command = (seats: SeatLayout[]): RegisterBus => ({
    busId: 'b1',
    name: ' Night Sleeper ',
    plateNumber: '29b-123.45',
    seats,
  });

  it('records the bus with normalised seat numbers and plate', () => {
    spec
      .given()
      .when(command([seat(' a1 ', 1, 1), seat('A2', 1, 2, { deck: 2, type: 'sleeper' })]))
      .then({
        type: 'BusRegistered',
        data: {
          id: 'b1',
          name: 'Night Sleeper',
          plateNumber: '29B-123.45',
          seats: [seat('A1', 1, 1), seat('A2', 1, 2, { deck: 2, type: 'sleeper' })],
          registeredAt: '2026-11-25T08:00:00.000Z',
        },
      });
  });

  it('allows the same row and column on different decks', () => {
    expect(
      spec
        .given()
        .when(command([seat('A1', 1, 1), seat('B1', 1, 1, { deck: 2 })]))
        .thenDecided().events,
    ).toHaveLength(1);
  });

  it('rejects duplicate seat numbers, whatever their case', () => {
    const error = spec
      .given()
      .when(command([seat('A1', 1, 1), seat('a1', 1, 2)]))
      .thenThrows('layout.duplicate_seat_number');
    expect(error.kind).toBe('rule');
    expect(error.extensions.errors).toEqual([
      {
        field: 'seats[1].seatNumber',
        rule: 'unique',
        message: 'seat number A1 is used by seats[0] and seats[1]',
      },
    ]);
  });

  it('rejects two seats in one position and lists every violation', () => {
    const error = spec
      .given()
      .when(command([seat('A1', 1, 1), seat('A2', 1, 1), seat('A1', 2, 2)]))
      .thenThrows('layout.overlapping_position');
    expect((error.extensions.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'seats[1]',
      'seats[2].seatNumber',
    ]);
  });
});

describe('scheduleTrip', () => {
  const bus: Bus = {
    id: 'b1',
    name: 'Coach',
    plateNumber: '29B-12345',
    seats: [seat('A1', 1, 1), seat('A2', 1, 2, { type: 'sleeper' })],
  };
  const spec = deciderSpec({
    decide: scheduleTrip,
    ...newStream,
    context: { now, bus, tripPolicy },
  });
  const command = (overrides: Partial<ScheduleTrip> = {}): ScheduleTrip => ({
    id: 't1',
    busId: 'b1',
    origin: 'Hà Nội',
    destination: 'Sa Pa',
    departureAt: '2026-12-01T15:00:00+07:00',
    arrivalAt: '2026-12-01T21:00:00+07:00',
    fares: {
      standard: { amount: 300000, currency: 'VND' },
      sleeper: { amount: 450000, currency: 'VND' },
    },
    ...overrides,
  });

  it('schedules the trip in UTC with the default booking limit', () => {
    spec
      .given()
      .when(command())
      .then({
        type: 'TripScheduled',
        data: {
          id: 't1',
          busId: 'b1',
          origin: 'Hà Nội',
          destination: 'Sa Pa',
          departureAt: '2026-12-01T08:00:00.000Z',
          arrivalAt: '2026-12-01T14:00:00.000Z',
          fares: command().fares,
          maxSeatsPerBooking: 5,
          scheduledAt: '2026-11-25T08:00:00.000Z',
        },
      });
  });

  it('keeps a per-trip booking limit', () => {
    const {
      events: [event],
    } = spec
      .given()
      .when(command({ maxSeatsPerBooking: 2 }))
      .thenDecided();
    expect(event.data.maxSeatsPerBooking).toBe(2);
  });

  it.each([
    ['trip.unknown_bus', command(), { bus: null }, 'busId'],
    [
      'trip.fare_missing',
      command({ fares: { standard: { amount: 1, currency: 'VND' } } }),
      {},
      'fares.sleeper',
    ],
    [
      'trip.fare_currency',
      command({
        fares: {
          standard: { amount: 1, currency: 'USD' },
          sleeper: { amount: 1, currency: 'VND' },
        },
      }),
      {},
      'fares.standard.currency',
    ],
    ['trip.departure_in_past', command({ departureAt: '2026-11-25T07:59:59Z' }), {}, 'departureAt'],
    ['trip.invalid_schedule', command({ arrivalAt: '2026-12-01T15:00:00+07:00' }), {}, 'arrivalAt'],
    ['trip.same_origin_destination', command({ destination: ' hà nội ' }), {}, 'destination'],
  ])('rejects %s', (code, trip, context, field) => {
    const error = spec.given().when(trip, context).thenThrows(code);
    expect(error.extensions.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });
});
