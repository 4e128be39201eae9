import { randomUUID } from 'node:crypto';
import { maskEmail, maskTail, PiiCipher } from '@app/privacy';
import { ContactInput, Passenger } from '../domain/booking-request';
import { ContactRecord, PassengerRecord } from '../domain/booking.events';

/**
 * Seals personal data before it goes into an event; masks and lookup hashes go alongside. Each
 * passenger keeps the id in `ids` at its position, or gets a new one.
 */
export function sealPassengers(
  passengers: Passenger[],
  cipher: PiiCipher,
  ids: (string | undefined)[] = [],
): PassengerRecord[] {
  return passengers.map((p, i) => ({
    passengerId: ids[i] ?? randomUUID(),
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

/**
 * The ids the new passenger list keeps: a passenger with the same name and ID number as one
 * already in the booking is that passenger.
 */
export function keptPassengerIds(
  next: Passenger[],
  current: PassengerRecord[],
  cipher: PiiCipher,
): (string | undefined)[] {
  const left = current.map((p) => ({
    id: p.passengerId,
    key: `${p.fullName}|${cipher.open(p.idNumber)}`,
  }));
  return next.map((p) => {
    const i = left.findIndex((c) => c.key === `${p.fullName}|${p.idNumber}`);
    return i < 0 ? undefined : left.splice(i, 1)[0].id;
  });
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
