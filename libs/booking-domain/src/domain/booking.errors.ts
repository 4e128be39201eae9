import { CodedViolation, DomainError, ErrorCode, ruleViolation } from '@app/errors';
import type { BookingStatus } from './booking.events';
import type { Money, PriceBreakdown } from './pricing';

export const BookingErrors = {
  /** One 422 for several broken rules: the first one's code, every field listed. */
  invalidRequest: (violations: CodedViolation[]) =>
    ruleViolation(
      violations[0].code,
      `The booking cannot be made: ${violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`,
      violations.map(({ field, rule, message }) => ({ field, rule, message })),
    ),
  notFound: (bookingId: string) =>
    new DomainError('booking.not_found', `Booking ${bookingId} does not exist.`),
  referenceNotFound: (reference: string) =>
    new DomainError(
      'booking.not_found',
      `No booking has the reference ${reference}. Check it for typos.`,
    ),
  priceChanged: (price: PriceBreakdown, expected: number) =>
    new DomainError(
      'price.changed',
      `The price is now ${price.total.amount} ${price.total.currency}, not ${expected}; review it and book again with the new total.`,
      { extensions: { priceBreakdown: price } },
    ),
  tripDeparted: (tripId: string) =>
    new DomainError('trip.departed', `Trip ${tripId} has departed; it can no longer be booked.`),
  wrongStatus: (code: ErrorCode, status: BookingStatus, action: string) =>
    new DomainError(code, `The booking is ${status}; it cannot be ${action}.`, {
      extensions: { currentStatus: status },
    }),
  paymentWindowClosed: (expiresAt: string) =>
    new DomainError(
      'booking.expired',
      `The payment window closed at ${expiresAt}; the booking has expired.`,
      { extensions: { currentStatus: 'cancelled', expiresAt } },
    ),
  paymentAmountMismatch: (paid: Money, total: Money) =>
    new DomainError(
      'payment.amount_mismatch',
      `The payment of ${paid.amount} ${paid.currency} is not the booking's total of ${total.amount} ${total.currency}.`,
    ),
  alreadyConfirmed: (paymentReference: string) =>
    new DomainError(
      'booking.already_confirmed',
      `The booking is already confirmed with another payment (${paymentReference}).`,
      { extensions: { currentStatus: 'confirmed' } },
    ),
  seatNotInBooking: (seatNumber: string) =>
    new DomainError(
      'ticket.not_valid',
      `Seat ${seatNumber} is no longer part of this booking; the ticket is not valid.`,
    ),
  alreadyBoarded: (seatNumber: string) =>
    new DomainError(
      'ticket.already_boarded',
      `The passenger of seat ${seatNumber} has already boarded with this ticket.`,
    ),
  claimedByOther: () =>
    new DomainError(
      'booking.already_claimed',
      'This booking already belongs to another account; sign in to that account to see it.',
    ),
  boarded: () =>
    new DomainError(
      'booking.boarded',
      'A passenger of this booking has boarded; it can no longer be cancelled or refunded.',
      { extensions: { currentStatus: 'confirmed' } },
    ),
  outsideBoardingWindow: (opensAt: Date, closesAt: Date) =>
    new DomainError(
      'ticket.outside_boarding_window',
      `Boarding for this trip is open from ${opensAt.toISOString()} to ${closesAt.toISOString()}.`,
      { extensions: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() } },
    ),
  passengerNotFound: (passengerId: string) =>
    new DomainError(
      'booking.passenger_not_found',
      `Passenger ${passengerId} is not (or no longer) in this booking.`,
    ),
  seatAlreadyInBooking: (seatNumber: string) =>
    new DomainError(
      'seat.unavailable',
      `Seat ${seatNumber} is already this booking's; choose another seat.`,
      { extensions: { conflicts: [{ seatNumber, status: 'booked' }] } },
    ),
  seatChangeClosed: (closesAt: Date) =>
    new DomainError(
      'booking.seat_change_closed',
      `Seats can be changed until ${closesAt.toISOString()} (SEAT_CHANGE_CUTOFF_HOURS before departure).`,
      { extensions: { closesAt: closesAt.toISOString() } },
    ),
  seatChangeNotFound: (changeId: string) =>
    new DomainError(
      'booking.seat_change_not_found',
      `No seat change ${changeId} awaits payment on this booking (it was replaced by a newer one, or never asked).`,
    ),
  seatChangeExpired: (expiresAt: string) =>
    new DomainError(
      'booking.seat_change_expired',
      `The seat change was not paid in time (by ${expiresAt}); ask for it again.`,
      { extensions: { expiresAt } },
    ),
  departed: () =>
    new DomainError(
      'booking.departed',
      'The trip has departed; the booking can no longer be cancelled.',
      { extensions: { currentStatus: 'confirmed' } },
    ),
};
