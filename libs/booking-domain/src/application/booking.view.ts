import { Logger } from '@nestjs/common';
import { Caller } from '@app/auth';
import { PiiCipher } from '@app/privacy';
import type { TripRecord } from '@app/seating';
import {
  Booking,
  madeAsGuest,
  PassengerCancellation,
  Refund,
  refundsOf,
} from '../domain/booking.state';
import { seesPersonalData } from './booking-access';

const logger = new Logger('BookingView');

export interface PassengerView {
  passengerId: string;
  seatNumber: string;
  fullName: string;
  idType: 'citizen_id' | 'passport';
  idNumber: string;
  phone: string;
  email?: string;
  passengerType: string;
  needsAccessibleSeat: boolean;
}

export interface BookingView {
  bookingId: string;
  bookingReference: string;
  status: Booking['status'];
  paymentStatus: Booking['paymentStatus'];
  /** Booked at guest checkout (still true once a user has claimed it). */
  guest: boolean;
  claimedAt?: string;
  tripId: string;
  trip: {
    origin: string;
    destination: string;
    departureAt: string;
    arrivalAt: string;
    busName: string;
    plateNumber: string;
  };
  seatNumbers: string[];
  passengers: PassengerView[];
  contact: { email: string; phone: string };
  priceBreakdown: Booking['price'];
  createdAt: string;
  expiresAt: string;
  payment?: {
    reference: string;
    method: string;
    amount: Booking['price']['total'];
    confirmedAt: string;
  };
  cancellation?: Booking['cancellation'];
  cancelledPassengers: PassengerCancellation[];
  seatChanges: NonNullable<Booking['seatChanges']>;
  /** A dearer seat asked for and not yet paid (payable until its expiresAt). */
  pendingSeatChange?: Booking['pendingSeatChange'];
  refunds: Refund[];
  /** The trip was delayed after booking: trip.departureAt is the new time. */
  tripDelay?: NonNullable<Booking['tripDelay']>;
  completedAt?: string;
  /** True when ID numbers, phones and e-mails are shown masked. */
  masked: boolean;
  version: number;
}

/** The booking as the caller may see it: personal data in clear only as seesPersonalData says. */
export function bookingView(
  booking: Booking,
  trip: TripRecord,
  caller: Caller,
  cipher: PiiCipher,
): BookingView {
  const clear = seesPersonalData(caller, booking);
  let unreadable = false;
  const show = (sealed: string, masked: string) => {
    if (!clear) return masked;
    try {
      return cipher.open(sealed);
    } catch (error) {
      // Sealed with a key this process no longer has: the masked form, not a failed page.
      if (!unreadable) logger.error(`booking ${booking.bookingId}: ${(error as Error).message}`);
      unreadable = true;
      return masked;
    }
  };
  return {
    bookingId: booking.bookingId,
    bookingReference: booking.reference,
    status: booking.status,
    paymentStatus: booking.paymentStatus,
    guest: madeAsGuest(booking),
    ...(booking.claimedAt ? { claimedAt: booking.claimedAt } : {}),
    tripId: booking.tripId,
    trip: {
      origin: trip.origin,
      destination: trip.destination,
      departureAt: booking.departureAt,
      arrivalAt: booking.arrivalAt,
      busName: trip.busName,
      plateNumber: trip.plateNumber,
    },
    seatNumbers: booking.seatNumbers,
    passengers: booking.passengers.map((p) => ({
      passengerId: p.passengerId!,
      seatNumber: p.seatNumber,
      fullName: p.fullName,
      idType: p.idType,
      idNumber: show(p.idNumber, p.idNumberMasked),
      phone: show(p.phone, p.phoneMasked),
      ...(p.email ? { email: show(p.email, p.emailMasked!) } : {}),
      passengerType: p.passengerType,
      needsAccessibleSeat: p.needsAccessibleSeat,
    })),
    contact: {
      email: show(booking.contact.email, booking.contact.emailMasked),
      phone: show(booking.contact.phone, booking.contact.phoneMasked),
    },
    priceBreakdown: booking.price,
    createdAt: booking.createdAt,
    expiresAt: booking.expiresAt,
    ...(booking.payment ? { payment: booking.payment } : {}),
    ...(booking.cancellation ? { cancellation: booking.cancellation } : {}),
    cancelledPassengers: booking.passengerCancellations ?? [],
    seatChanges: booking.seatChanges ?? [],
    ...(booking.pendingSeatChange ? { pendingSeatChange: booking.pendingSeatChange } : {}),
    refunds: refundsOf(booking),
    ...(booking.tripDelay ? { tripDelay: booking.tripDelay } : {}),
    ...(booking.completedAt ? { completedAt: booking.completedAt } : {}),
    masked: !clear || unreadable,
    version: booking.version,
  };
}
