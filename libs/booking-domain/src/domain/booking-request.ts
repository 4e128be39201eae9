import type { PassengerType } from './pricing';
import { CodedViolation, ErrorCode } from '@app/errors';
import { BookingErrors } from './booking.errors';

export interface PassengerInput {
  seatNumber: string;
  fullName: string;
  idType: 'citizen_id' | 'passport';
  idNumber: string;
  phone: string;
  email?: string;
  passengerType: PassengerType;
  needsAccessibleSeat?: boolean;
}

export interface ContactInput {
  email: string;
  phone: string;
}

/** What the rules need to know of the trip. */
export interface BookableTrip {
  /** Seat number → whether it suits a passenger who needs an accessible seat. */
  seats: ReadonlyMap<string, { accessible: boolean }>;
  maxSeatsPerBooking: number;
}

export type Passenger = Required<Omit<PassengerInput, 'email'>> & { email?: string };

/** No spaces, control characters (NUL …) or invisible format characters anywhere in it. */
const EMAIL = /^[^\s@\p{Cc}\p{Cf}]+@[^\s@.\p{Cc}\p{Cf}]+(\.[^\s@.\p{Cc}\p{Cf}]+)+$/u;
/** What a reader sees of a name: no spaces, invisible or bidi-control characters. */
const visibleOf = (text: string) => text.replace(/[\p{Cf}\p{Z}\s]/gu, '');
const E164 = /^\+[1-9]\d{7,14}$/;
const ID_FORMATS = {
  citizen_id: { pattern: /^\d{12}$/, rule: '12 digits' },
  passport: { pattern: /^[A-Z0-9]{6,9}$/, rule: '6 to 9 letters or digits' },
} as const;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * A phone number in E.164 (`+84912345678`), or null. Spaces, hyphens, dots and brackets are
 * ignored; `00` means `+`; a national number (leading 0) gets the default country code.
 */
export function normalizePhone(input: string, defaultCountryCode: string): string | null {
  let phone = input.replace(/[\s\-().]/g, '');
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  else if (/^0\d/.test(phone)) phone = `+${defaultCountryCode}${phone.slice(1)}`;
  return E164.test(phone) ? phone : null;
}

export const normalizeIdNumber = (idNumber: string) => idNumber.replace(/\s/g, '').toUpperCase();

/**
 * The booking rules of API.md, all checked at once: seats (count, unknown, repeated), one
 * passenger per seat, accessible seats, ID formats, E.164 phones, e-mails. Returns the request
 * normalized, or throws one 422 naming every broken rule (the first one's code).
 */
export function validateBookingRequest<C extends ContactInput | undefined>(
  request: { seatNumbers: string[]; passengers: PassengerInput[]; contact: C },
  trip: BookableTrip,
  defaultCountryCode: string,
): { seatNumbers: string[]; passengers: Passenger[]; contact: C } {
  const violations: CodedViolation[] = [];
  const violate = (code: ErrorCode, field: string, rule: string, message: string) =>
    violations.push({ code, field, rule, message });
  const normalizeSeat = (seat: string) => seat.trim().toUpperCase();

  const seatNumbers = request.seatNumbers.map(normalizeSeat);
  if (seatNumbers.length === 0) {
    violate('booking.no_seats', 'seatNumbers', 'min', 'choose at least one seat');
  }
  if (seatNumbers.length > trip.maxSeatsPerBooking) {
    violate(
      'seat.limit_exceeded',
      'seatNumbers',
      'max',
      `at most ${trip.maxSeatsPerBooking} seats per booking on this trip`,
    );
  }
  seatNumbers.forEach((seat, i) => {
    if (seatNumbers.indexOf(seat) !== i) {
      violate('seat.duplicate', `seatNumbers[${i}]`, 'unique', `${seat} is listed twice`);
    } else if (!trip.seats.has(seat)) {
      violate('seat.unknown', `seatNumbers[${i}]`, 'exists', `${seat} is not a seat of this bus`);
    }
  });

  const passengers = request.passengers.map((input, i): Passenger => {
    const at = `passengers[${i}]`;
    const seatNumber = normalizeSeat(input.seatNumber);
    if (!seatNumbers.includes(seatNumber)) {
      violate(
        'passenger.seat_mismatch',
        `${at}.seatNumber`,
        'booked',
        `${seatNumber} is not one of the booked seats`,
      );
    } else if (
      request.passengers.findIndex((p) => normalizeSeat(p.seatNumber) === seatNumber) !== i
    ) {
      violate(
        'passenger.seat_mismatch',
        `${at}.seatNumber`,
        'unique',
        `${seatNumber} already has a passenger`,
      );
    }
    const fullName = input.fullName.trim().replace(/\s+/g, ' ');
    const visible = visibleOf(fullName);
    // (A NUL is refused before, as text that cannot be stored: 400 request.invalid_text.)
    if (visible.length < 2 || !/\p{L}/u.test(visible))
      violate('passenger.invalid_name', `${at}.fullName`, 'required', 'give the full name');
    const idNumber = normalizeIdNumber(input.idNumber);
    const format = ID_FORMATS[input.idType];
    if (!format.pattern.test(idNumber)) {
      violate(
        'passenger.invalid_id_number',
        `${at}.idNumber`,
        'format',
        `a ${input.idType === 'citizen_id' ? 'citizen ID' : 'passport number'} has ${format.rule}`,
      );
    }
    const phone = normalizePhone(input.phone, defaultCountryCode);
    if (!phone)
      violate('passenger.invalid_phone', `${at}.phone`, 'e164', 'not a valid phone number');
    const email = input.email === undefined ? undefined : normalizeEmail(input.email);
    if (email !== undefined && !EMAIL.test(email)) {
      violate('passenger.invalid_email', `${at}.email`, 'email', 'not a valid e-mail address');
    }
    const needsAccessibleSeat = input.needsAccessibleSeat ?? false;
    if (needsAccessibleSeat && trip.seats.get(seatNumber)?.accessible === false) {
      violate(
        'passenger.accessible_seat_required',
        `${at}.seatNumber`,
        'accessible',
        `${seatNumber} is not an accessible seat; choose one that is`,
      );
    }
    return {
      seatNumber,
      fullName,
      idType: input.idType,
      idNumber,
      phone: phone ?? input.phone,
      ...(email !== undefined ? { email } : {}),
      passengerType: input.passengerType,
      needsAccessibleSeat,
    };
  });
  seatNumbers.forEach((seat, i) => {
    if (seatNumbers.indexOf(seat) === i && !passengers.some((p) => p.seatNumber === seat)) {
      violate('passenger.seat_mismatch', 'passengers', 'per_seat', `seat ${seat} has no passenger`);
    }
  });

  let contact: ContactInput | undefined;
  if (request.contact) {
    const email = normalizeEmail(request.contact.email);
    if (!EMAIL.test(email)) {
      violate('contact.invalid_email', 'contact.email', 'email', 'not a valid e-mail address');
    }
    const phone = normalizePhone(request.contact.phone, defaultCountryCode);
    if (!phone) {
      violate('contact.invalid_phone', 'contact.phone', 'e164', 'not a valid phone number');
    }
    contact = { email, phone: phone ?? request.contact.phone };
  }

  if (violations.length > 0) throw BookingErrors.invalidRequest(violations);
  return { seatNumbers, passengers, contact: contact as C };
}
