import { http, JsonResponse } from './api-server';

let counter = 0;

/** A valid passenger for `seatNumber`, with distinctive personal data unless overridden. */
export function passengerFor(seatNumber: string, overrides: Record<string, unknown> = {}) {
  counter += 1;
  const n = String(counter).padStart(4, '0');
  return {
    seatNumber,
    fullName: 'Nguyễn Thị Ánh',
    idType: 'citizen_id',
    idNumber: `07912345${n}`,
    phone: `+8491234${n}`,
    email: `anh.${n}@example.com`,
    passengerType: 'adult',
    ...overrides,
  };
}

export function bookingRequest(
  tripId: string,
  seatNumbers: string[],
  overrides: Record<string, unknown> = {},
) {
  return {
    tripId,
    seatNumbers,
    passengers: seatNumbers.map((seat) => passengerFor(seat)),
    contact: { email: 'Contact.Person@Example.com', phone: '0912 000 111' },
    ...overrides,
  };
}

/** Holds the seats, then books them; returns the booking answer (201 or a problem). */
export async function lockAndBook(
  baseUrl: string,
  token: string,
  tripId: string,
  seatNumbers: string[],
  overrides: Record<string, unknown> = {},
): Promise<JsonResponse> {
  const lock = await http(baseUrl, 'POST', '/seats/lock', { token, body: { tripId, seatNumbers } });
  if (lock.status !== 201) return lock;
  return http(baseUrl, 'POST', '/bookings', {
    token,
    body: bookingRequest(tripId, seatNumbers, overrides),
  });
}

/** Pays for the booking by card (POST /bookings/{id}/confirm); returns the answer. */
export function confirmBooking(
  baseUrl: string,
  token: string,
  bookingId: string,
  paymentReference = `PAY-${bookingId}`,
): Promise<JsonResponse> {
  return http(baseUrl, 'POST', `/bookings/${bookingId}/confirm`, {
    token,
    body: { paymentReference, paymentMethod: 'card' },
  });
}
