import { maskEmail, maskTail, PiiCipher } from '@app/privacy';
import { ContactInput, Passenger } from '../domain/booking-request';
import { ContactRecord, PassengerRecord } from '../domain/booking.events';

/** Seals personal data before it goes into an event; masks and lookup hashes go alongside. */
export function sealPassengers(passengers: Passenger[], cipher: PiiCipher): PassengerRecord[] {
  return passengers.map((p) => ({
    seatNumber: p.seatNumber,
    fullName: p.fullName,
    idType: p.idType,
    idNumber: cipher.seal(p.idNumber),
    idNumberMasked: maskTail(p.idNumber, 4),
    phone: cipher.seal(p.phone),
    phoneMasked: maskTail(p.phone, 3),
    ...(p.email ? { email: cipher.seal(p.email), emailMasked: maskEmail(p.email) } : {}),
    passengerType: p.passengerType,
    needsAccessibleSeat: p.needsAccessibleSeat,
  }));
}

export function sealContact(contact: ContactInput, cipher: PiiCipher): ContactRecord {
  return {
    email: cipher.seal(contact.email),
    emailMasked: maskEmail(contact.email),
    emailIndex: cipher.blindIndex(contact.email),
    phone: cipher.seal(contact.phone),
    phoneMasked: maskTail(contact.phone, 3),
    phoneIndex: cipher.blindIndex(contact.phone),
  };
}

/** Passengers as the request rules take them, from records (to re-check them on modification). */
export function openPassengers(records: PassengerRecord[], cipher: PiiCipher): Passenger[] {
  return records.map((p) => ({
    seatNumber: p.seatNumber,
    fullName: p.fullName,
    idType: p.idType,
    idNumber: cipher.open(p.idNumber),
    phone: cipher.open(p.phone),
    ...(p.email ? { email: cipher.open(p.email) } : {}),
    passengerType: p.passengerType,
    needsAccessibleSeat: p.needsAccessibleSeat,
  }));
}
