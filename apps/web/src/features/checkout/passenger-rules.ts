import type { PassengerRequest, PassengerType } from '../../api/types';

/**
 * The booking rules of the API (libs/booking-domain booking-request.ts), checked in the browser
 * too so that a traveller hears about a mistake at the field before anything is sent.
 */
export const ID_TYPES = ['citizen_id', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const PASSENGER_TYPES = [
  'adult',
  'child',
  'senior',
] as const satisfies readonly PassengerType[];

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const ID_FORMATS: Record<IdType, RegExp> = {
  citizen_id: /^\d{12}$/,
  passport: /^[A-Z0-9]{6,9}$/,
};

export const normalizeName = (name: string) => name.trim().replace(/\s+/g, ' ');
export const normalizeIdNumber = (idNumber: string) => idNumber.replace(/\s/g, '').toUpperCase();
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** E.164, or null; `00` means `+`, a leading 0 takes the default country code. */
export function normalizePhone(input: string, countryCode: string): string | null {
  let phone = input.replace(/[\s\-().]/g, '');
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  else if (/^0\d/.test(phone)) phone = `+${countryCode}${phone.slice(1)}`;
  return E164.test(phone) ? phone : null;
}

export const isValidName = (name: string) => normalizeName(name).length >= 2;
export const isValidIdNumber = (idType: IdType, idNumber: string) =>
  ID_FORMATS[idType].test(normalizeIdNumber(idNumber));
export const isValidEmail = (email: string) => EMAIL.test(normalizeEmail(email));

/** What a passenger's form holds (strings as typed; normalized when sent). */
export interface PassengerValues {
  seatNumber: string;
  fullName: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  email: string;
  passengerType: PassengerType;
  needsAccessibleSeat: boolean;
}

export interface ContactValues {
  email: string;
  phone: string;
}

export interface TravellersValues {
  passengers: PassengerValues[];
  contact: ContactValues;
}

export function toPassengerRequest(values: PassengerValues, countryCode: string): PassengerRequest {
  const email = values.email.trim();
  return {
    seatNumber: values.seatNumber,
    fullName: normalizeName(values.fullName),
    idType: values.idType,
    idNumber: normalizeIdNumber(values.idNumber),
    phone: normalizePhone(values.phone, countryCode) ?? values.phone.trim(),
    ...(email ? { email: normalizeEmail(email) } : {}),
    passengerType: values.passengerType,
    needsAccessibleSeat: values.needsAccessibleSeat,
  };
}

export const emptyPassenger = (seatNumber: string): PassengerValues => ({
  seatNumber,
  fullName: '',
  idType: 'citizen_id',
  idNumber: '',
  phone: '',
  email: '',
  passengerType: 'adult',
  needsAccessibleSeat: false,
});
