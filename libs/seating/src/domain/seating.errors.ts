import { CodedViolation, DomainError, ruleViolation } from '@app/errors';
import type { BestSeatsAvailability, BestSeatsRequest } from './best-seats';

/** One 422 for several broken rules: the first one's code, every field listed. */
const violated = (summary: string, violations: CodedViolation[]) =>
  ruleViolation(
    violations[0].code,
    `${summary}: ${violations.map((v) => v.message).join('; ')}`,
    violations.map(({ field, rule, message }) => ({ field, rule, message })),
  );

export const SeatingErrors = {
  invalidLayout: (violations: CodedViolation[]) =>
    violated('The seat layout is invalid', violations),
  invalidTrip: (violations: CodedViolation[]) =>
    violated('The trip cannot be scheduled', violations),
  plateNumberTaken: (plateNumber: string) =>
    new DomainError(
      'bus.plate_number_taken',
      `A bus with plate number ${plateNumber} is already registered.`,
    ),
  tripNotFound: (tripId: string) =>
    new DomainError('trip.not_found', `Trip ${tripId} does not exist.`),
  tripCancelled: (tripId: string, reason: string) =>
    new DomainError(
      'trip.cancelled',
      `Trip ${tripId} was cancelled by the operator (${reason}); its seats can no longer be held or booked.`,
    ),
  delayNotLater: (departureAt: string) =>
    ruleViolation(
      'trip.delay_not_later',
      `A delay moves the departure later than it is now (${departureAt}).`,
      [{ field: 'newDepartureAt', rule: 'after', message: `must be after ${departureAt}` }],
    ),
  delayTooLong: (latest: string) =>
    ruleViolation(
      'trip.delay_too_long',
      `A trip is delayed by at most a week from its scheduled departure (until ${latest}); cancel it instead.`,
      [{ field: 'newDepartureAt', rule: 'max', message: `must be at most ${latest}` }],
    ),
  tripRescheduled: (tripId: string, departureAt: string) =>
    new DomainError(
      'trip.rescheduled',
      `Trip ${tripId} was delayed: it now departs at ${departureAt}. Nothing was booked; read the trip again and retry.`,
      { extensions: { departureAt } },
    ),
  salesClosed: (tripId: string, reason?: string) =>
    new DomainError(
      'trip.sales_closed',
      `Sales of trip ${tripId} are closed by the operator${reason ? ` (${reason})` : ''}: its seats cannot be held, booked or waited for now.`,
    ),
  tripHasBookings: (tripId: string) =>
    new DomainError(
      'trip.has_bookings',
      `Trip ${tripId} has bookings: its route, times and bus can no longer be edited (delay or cancel it instead; fares and sales can still change).`,
    ),
  tripHasHolds: (tripId: string) =>
    new DomainError(
      'trip.has_holds',
      `Seats of trip ${tripId} are held: its bus cannot change until they are released or expire.`,
    ),
  busNotFound: (busId: string) => new DomainError('bus.not_found', `Bus ${busId} does not exist.`),
  tripDeparted: (tripId: string) =>
    new DomainError(
      'trip.departed',
      `Trip ${tripId} has already departed; its seats can no longer be held.`,
    ),
  duplicateSeats: (seatNumbers: string[]) =>
    ruleViolation(
      'seat.duplicate',
      `Each seat may be requested once; repeated: ${seatNumbers.join(', ')}.`,
      seatNumbers.map((seat) => ({
        field: 'seatNumbers',
        rule: 'unique',
        message: `${seat} is requested twice`,
      })),
    ),
  unknownSeats: (seatNumbers: string[]) =>
    ruleViolation(
      'seat.unknown',
      `This trip's bus has no seat ${seatNumbers.join(', ')}.`,
      seatNumbers.map((seat) => ({
        field: 'seatNumbers',
        rule: 'exists',
        message: `${seat} is not a seat of this bus`,
      })),
    ),
  noneFit: (request: BestSeatsRequest, available: BestSeatsAvailability) =>
    new DomainError(
      'seat.none_fit',
      `No ${request.count} free seat(s)${request.together ? ' side by side' : ''} fit the request: ` +
        `${available.seats} free seat(s) match it, at most ${available.largestTogether} together. Nothing was held.`,
      { extensions: { available } },
    ),
  seatsUnavailable: (conflicts: { seatNumber: string; status: 'locked' | 'booked' }[]) =>
    new DomainError(
      'seat.unavailable',
      `Not available: ${conflicts.map((c) => `${c.seatNumber} (${c.status})`).join(', ')}. Nothing was locked; choose other seats.`,
      { extensions: { conflicts } },
    ),
  seatsNotHeld: (seatNumbers: string[]) =>
    ruleViolation(
      'seat.not_held',
      `Hold the seats before booking them; not held by you: ${seatNumbers.join(', ')}.`,
      seatNumbers.map((seat) => ({
        field: 'seatNumbers',
        rule: 'held',
        message: `${seat} is not held by you (the hold may have expired)`,
      })),
    ),
  seatLimitExceeded: (limit: number, held: number, requested: number) =>
    new DomainError(
      'seat.limit_exceeded',
      `At most ${limit} seats per booking on this trip; you hold ${held} and asked for ${requested}.`,
      { extensions: { limit, held, requested } },
    ),
  guestShareExceeded: (limit: number, held: number, requested: number) =>
    new DomainError(
      'seat.guest_share_exceeded',
      `Guests may hold at most ${limit} seats of this trip at once and hold ${held}; sign in to hold ${requested} more.`,
      { extensions: { limit, held, requested } },
    ),
  guestAddressLimit: (limit: number, held: number, requested: number, retryAfterSeconds: number) =>
    new DomainError(
      'seat.guest_address_limit',
      `Guests from one address may hold at most ${limit} seats of this trip at once and hold ${held}; sign in, or wait for a hold to end, to hold ${requested} more.`,
      { extensions: { limit, held, requested }, retryAfterSeconds },
    ),
  lockNotFound: (lockId: string) =>
    new DomainError(
      'lock.not_found',
      `Seat hold ${lockId} does not exist, has ended, or is not yours.`,
    ),
  maxLifetimeReached: (lockId: string, maxExpiresAt: string) =>
    new DomainError(
      'lock.max_lifetime',
      `Seat hold ${lockId} has reached its maximum lifetime (until ${maxExpiresAt}) and cannot be extended; lock the seats again.`,
      { extensions: { maxExpiresAt } },
    ),
  waitlistSeatsFree: (free: number) =>
    new DomainError(
      'waitlist.seats_available',
      `${free} seat(s) of the kind asked for are free now: hold them instead of waiting.`,
      { extensions: { free } },
    ),
  waitlistAlreadyJoined: (entryId: string) =>
    new DomainError(
      'waitlist.already_joined',
      `You are already on this trip's waiting list (entry ${entryId}); leave it first to change your request.`,
      { extensions: { entryId } },
    ),
  waitlistNotJoined: (tripId: string) =>
    new DomainError(
      'waitlist.not_found',
      `You are not waiting for trip ${tripId} (never joined, left, or already offered seats).`,
    ),
  waitlistGuestAddressLimit: (limit: number) =>
    new DomainError(
      'waitlist.guest_address_limit',
      `Guests from one address may wait for this trip ${limit} time(s) at once; sign in to join the waiting list.`,
      { extensions: { limit } },
    ),
  waitlistNoSuchSeats: (seatType: string) =>
    ruleViolation('waitlist.no_such_seats', `This trip's bus has no ${seatType} seats.`, [
      { field: 'seatType', rule: 'exists', message: `the bus has no ${seatType} seats` },
    ]),
};
