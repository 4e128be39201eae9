import type { BookingConfig } from '@app/config';
import { seatPrice, TripRecord } from '@app/seating';
import {
  ContactInput,
  Passenger,
  PassengerInput,
  validateBookingRequest,
} from '../domain/booking-request';
import { PriceBreakdown, priceSeats } from '../domain/pricing';
import { pricingPolicyOf } from './booking-policy';

/**
 * The booking rules checked against the trip's bus, and the server's price of the result: what
 * creating and modifying a booking both start with.
 */
export function checkAndPrice<C extends ContactInput | undefined>(
  request: { seatNumbers: string[]; passengers: PassengerInput[]; contact: C },
  trip: TripRecord,
  booking: BookingConfig,
): { seatNumbers: string[]; passengers: Passenger[]; contact: C; price: PriceBreakdown } {
  const valid = validateBookingRequest(
    request,
    {
      seats: new Map(trip.seats.map((s) => [s.seatNumber, { accessible: s.accessible }])),
      maxSeatsPerBooking: trip.maxSeatsPerBooking,
    },
    booking.defaultPhoneCountryCode,
  );
  const layout = new Map(trip.seats.map((s) => [s.seatNumber, s]));
  const price = priceSeats(
    valid.passengers.map((p) => ({
      seatNumber: p.seatNumber,
      passengerType: p.passengerType,
      fare: seatPrice(layout.get(p.seatNumber)!, trip.fares),
    })),
    pricingPolicyOf(booking),
  );
  return { ...valid, price };
}
