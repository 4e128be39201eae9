import { CodedViolation } from '@app/errors';
import { Bus, Fares, SeatLayout, SEAT_TYPES, Trip } from './catalog.types';
import { BusRegistered, BusUpdated, TripScheduled } from './events';
import { SeatingErrors } from './seating.errors';

type Violation = CodedViolation;

export interface RegisterBus {
  busId: string;
  name: string;
  plateNumber: string;
  seats: SeatLayout[];
}

export interface ScheduleTrip extends Omit<Trip, 'maxSeatsPerBooking'> {
  maxSeatsPerBooking?: number;
}

export interface TripPolicy {
  currency: string;
  defaultMaxSeatsPerBooking: number;
}

/** What catalog decisions know besides the command: the time, and the policies. */
export interface CatalogContext {
  now: Date;
}

export interface ScheduleTripContext extends CatalogContext {
  /** The bus the trip is to run with, `null` when it is not registered. */
  bus: Bus | null;
  tripPolicy: TripPolicy;
}

/** A bus's or a trip's stream before it exists: catalog records are decided once, on no history. */
export type NewCatalogStream = null;

export const normalizeSeatNumber = (seatNumber: string) => seatNumber.trim().toUpperCase();
export const normalizePlateNumber = (plate: string) => plate.replace(/[\s.-]/g, '').toUpperCase();

export function registerBus(
  command: RegisterBus,
  _state: NewCatalogStream,
  { now }: CatalogContext,
): BusRegistered[] {
  const seats = command.seats.map((seat) => ({
    ...seat,
    seatNumber: normalizeSeatNumber(seat.seatNumber),
    accessible: seat.accessible ?? false,
  }));
  const violations = layoutViolations(seats);
  if (violations.length > 0) throw SeatingErrors.invalidLayout(violations);
  return [
    {
      type: 'BusRegistered',
      data: {
        id: command.busId,
        name: command.name.trim(),
        plateNumber: command.plateNumber.trim().toUpperCase(),
        seats,
        registeredAt: now.toISOString(),
      },
    },
  ];
}

export function layoutViolations(seats: readonly SeatLayout[]): Violation[] {
  const violations: Violation[] = [];
  const numbers = new Map<string, number>();
  const positions = new Map<string, number>();
  seats.forEach((seat, index) => {
    const first = numbers.get(seat.seatNumber);
    if (first !== undefined) {
      violations.push({
        code: 'layout.duplicate_seat_number',
        field: `seats[${index}].seatNumber`,
        rule: 'unique',
        message: `seat number ${seat.seatNumber} is used by seats[${first}] and seats[${index}]`,
      });
    } else numbers.set(seat.seatNumber, index);

    const position = `${seat.deck}/${seat.row}/${seat.col}`;
    const other = positions.get(position);
    if (other !== undefined) {
      violations.push({
        code: 'layout.overlapping_position',
        field: `seats[${index}]`,
        rule: 'uniquePosition',
        message: `seats[${index}] (${seat.seatNumber}) overlaps seats[${other}] at deck ${seat.deck}, row ${seat.row}, col ${seat.col}`,
      });
    } else positions.set(position, index);
  });
  return violations;
}

export function scheduleTrip(
  command: ScheduleTrip,
  _state: NewCatalogStream,
  { now, bus, tripPolicy: policy }: ScheduleTripContext,
): TripScheduled[] {
  const violations: Violation[] = [];
  if (!bus) {
    violations.push({
      code: 'trip.unknown_bus',
      field: 'busId',
      rule: 'exists',
      message: `bus ${command.busId} is not registered`,
    });
  }
  const departure = new Date(command.departureAt);
  const arrival = new Date(command.arrivalAt);
  violations.push(
    ...scheduleViolations({
      departure,
      arrival,
      origin: command.origin,
      destination: command.destination,
      now,
      departureChanged: true,
    }),
  );
  violations.push(...fareViolations(command.fares, bus, policy.currency));
  if (violations.length > 0) throw SeatingErrors.invalidTrip(violations);

  return [
    {
      type: 'TripScheduled',
      data: {
        id: command.id,
        busId: command.busId,
        origin: command.origin.trim(),
        destination: command.destination.trim(),
        departureAt: departure.toISOString(),
        arrivalAt: arrival.toISOString(),
        fares: command.fares,
        maxSeatsPerBooking: command.maxSeatsPerBooking ?? policy.defaultMaxSeatsPerBooking,
        scheduledAt: now.toISOString(),
      },
    },
  ];
}

/**
 * A trip's times and route: it departs in the future (checked when the departure is set),
 * arrives after it departs, and goes somewhere else.
 */
export function scheduleViolations(trip: {
  departure: Date;
  arrival: Date;
  origin: string;
  destination: string;
  now: Date;
  departureChanged: boolean;
}): Violation[] {
  const violations: Violation[] = [];
  if (trip.departureChanged && trip.departure.getTime() <= trip.now.getTime()) {
    violations.push({
      code: 'trip.departure_in_past',
      field: 'departureAt',
      rule: 'future',
      message: 'departureAt must be in the future',
    });
  }
  if (trip.arrival.getTime() <= trip.departure.getTime()) {
    violations.push({
      code: 'trip.invalid_schedule',
      field: 'arrivalAt',
      rule: 'afterDeparture',
      message: 'arrivalAt must be after departureAt',
    });
  }
  if (sameName(trip.origin, trip.destination)) {
    violations.push({
      code: 'trip.same_origin_destination',
      field: 'destination',
      rule: 'differentFromOrigin',
      message: 'destination must differ from origin',
    });
  }
  return violations;
}

export function fareViolations(fares: Fares, bus: Bus | null, currency: string): Violation[] {
  const violations: Violation[] = [];
  for (const type of SEAT_TYPES) {
    const fare = fares[type];
    if (fare && fare.currency !== currency) {
      violations.push({
        code: 'trip.fare_currency',
        field: `fares.${type}.currency`,
        rule: 'currency',
        message: `fares.${type} must be in ${currency}`,
      });
    }
  }
  const usedTypes = new Set(bus?.seats.map((seat) => seat.type) ?? []);
  for (const type of usedTypes) {
    if (!fares[type]) {
      violations.push({
        code: 'trip.fare_missing',
        field: `fares.${type}`,
        rule: 'required',
        message: `the bus has ${type} seats, so fares.${type} is required`,
      });
    }
  }
  return violations;
}

export function sameName(a: string, b: string): boolean {
  const key = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');
  return key(a) === key(b);
}

export interface UpdateBus {
  name?: string;
  plateNumber?: string;
}

/** A bus renamed or re-plated; its layout stays (trips and holds name its seats). */
export function updateBus(command: UpdateBus, bus: Bus, { now }: CatalogContext): BusUpdated[] {
  const name = command.name?.trim();
  const plateNumber = command.plateNumber?.trim().toUpperCase();
  const changes = {
    ...(name && name !== bus.name ? { name } : {}),
    ...(plateNumber && plateNumber !== bus.plateNumber ? { plateNumber } : {}),
  };
  if (Object.keys(changes).length === 0) return [];
  return [
    { type: 'BusUpdated', data: { busId: bus.id, ...changes, updatedAt: now.toISOString() } },
  ];
}
