import { DomainError } from '@app/errors';
import { registerBus, RegisterBus, scheduleTrip, ScheduleTrip } from './catalog.decide';
import { Bus, SeatLayout } from './catalog.types';

const now = new Date('2026-11-25T08:00:00Z');
const policy = { currency: 'VND', defaultMaxSeatsPerBooking: 5 };
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

function thenThrows(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a domain error');
}

describe('registerBus', () => {
  const command = (seats: SeatLayout[]): RegisterBus => ({
    busId: 'b1',
    name: ' Night Sleeper ',
    plateNumber: '29b-123.45',
    seats,
  });

  it('records the bus with normalised seat numbers and plate', () => {
    const events = registerBus(
      command([seat(' a1 ', 1, 1), seat('A2', 1, 2, { deck: 2, type: 'sleeper' })]),
      now,
    );
    expect(events).toEqual([
      {
        type: 'BusRegistered',
        data: {
          id: 'b1',
          name: 'Night Sleeper',
          plateNumber: '29B-123.45',
          seats: [seat('A1', 1, 1), seat('A2', 1, 2, { deck: 2, type: 'sleeper' })],
          registeredAt: '2026-11-25T08:00:00.000Z',
        },
      },
    ]);
  });

  it('allows the same row and column on different decks', () => {
    expect(() =>
      registerBus(command([seat('A1', 1, 1), seat('B1', 1, 1, { deck: 2 })]), now),
    ).not.toThrow();
  });

  it('rejects duplicate seat numbers, whatever their case', () => {
    const error = thenThrows(() => registerBus(command([seat('A1', 1, 1), seat('a1', 1, 2)]), now));
    expect(error.code).toBe('layout.duplicate_seat_number');
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
    const error = thenThrows(() =>
      registerBus(command([seat('A1', 1, 1), seat('A2', 1, 1), seat('A1', 2, 2)]), now),
    );
    expect(error.code).toBe('layout.overlapping_position');
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
    expect(scheduleTrip(command(), bus, now, policy)).toEqual([
      {
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
      },
    ]);
  });

  it('keeps a per-trip booking limit', () => {
    const [event] = scheduleTrip(command({ maxSeatsPerBooking: 2 }), bus, now, policy);
    expect(event.data.maxSeatsPerBooking).toBe(2);
  });

  it.each([
    ['trip.unknown_bus', () => scheduleTrip(command(), null, now, policy), 'busId'],
    [
      'trip.fare_missing',
      () =>
        scheduleTrip(
          command({ fares: { standard: { amount: 1, currency: 'VND' } } }),
          bus,
          now,
          policy,
        ),
      'fares.sleeper',
    ],
    [
      'trip.fare_currency',
      () =>
        scheduleTrip(
          command({
            fares: {
              standard: { amount: 1, currency: 'USD' },
              sleeper: { amount: 1, currency: 'VND' },
            },
          }),
          bus,
          now,
          policy,
        ),
      'fares.standard.currency',
    ],
    [
      'trip.departure_in_past',
      () => scheduleTrip(command({ departureAt: '2026-11-25T07:59:59Z' }), bus, now, policy),
      'departureAt',
    ],
    [
      'trip.invalid_schedule',
      () => scheduleTrip(command({ arrivalAt: '2026-12-01T15:00:00+07:00' }), bus, now, policy),
      'arrivalAt',
    ],
    [
      'trip.same_origin_destination',
      () => scheduleTrip(command({ destination: ' hà nội ' }), bus, now, policy),
      'destination',
    ],
  ])('rejects %s', (code, run, field) => {
    const error = thenThrows(run);
    expect(error.code).toBe(code);
    expect(error.extensions.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });
});
