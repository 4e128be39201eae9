import type { PassengerType } from './pricing';
import type { Booking } from './booking.state';

/** One traveller of a trip, as the crew boards them. */
export interface ManifestLine {
  seatNumber: string;
  fullName: string;
  passengerType: PassengerType;
  needsAccessibleSeat: boolean;
  boarded: boolean;
  bookingReference: string;
  idType: 'citizen_id' | 'passport';
  /** Masked unless revealed. */
  idNumber: string;
  phone: string;
}

/** How sealed values are shown: masked, or opened (an admin's audited reveal). */
export interface ManifestDisclosure {
  reveal: boolean;
  open(sealed: string): string;
}

/**
 * The trip's travellers from its paid bookings, in seat order: ID numbers and phones masked
 * unless revealed.
 */
export function manifestOf(bookings: readonly Booking[], disclosure: ManifestDisclosure) {
  const lines: ManifestLine[] = bookings.flatMap((booking) =>
    booking.passengers.map((p) => ({
      seatNumber: p.seatNumber,
      fullName: p.fullName,
      passengerType: p.passengerType,
      needsAccessibleSeat: p.needsAccessibleSeat,
      boarded: (booking.boarded ?? []).includes(p.seatNumber),
      bookingReference: booking.reference,
      idType: p.idType,
      idNumber: disclosure.reveal ? disclosure.open(p.idNumber) : p.idNumberMasked,
      phone: disclosure.reveal ? disclosure.open(p.phone) : p.phoneMasked,
    })),
  );
  return lines.sort((a, b) => a.seatNumber.localeCompare(b.seatNumber, 'en', { numeric: true }));
}
