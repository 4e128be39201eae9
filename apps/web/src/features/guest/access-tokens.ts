import { isRecord, isString, readJson, writeJson } from '../../lib/storage';

/**
 * Booking access tokens from a guest lookup (`POST /bookings/guest/verify`): one per booking,
 * for this tab only (sessionStorage), until they expire.
 */
const KEY = 'vexe.booking-access';

type Tokens = Record<string, { token: string; expiresAt: string }>;

function read(): Tokens {
  const stored = readJson('session', KEY);
  const tokens: Tokens = {};
  if (!isRecord(stored)) return tokens;
  for (const [bookingId, value] of Object.entries(stored)) {
    if (isRecord(value) && isString(value.token) && isString(value.expiresAt)) {
      if (Date.parse(value.expiresAt) > Date.now())
        tokens[bookingId] = { token: value.token, expiresAt: value.expiresAt };
    }
  }
  return tokens;
}

export function saveAccessToken(bookingId: string, token: string, expiresAt: string): void {
  writeJson('session', KEY, { ...read(), [bookingId]: { token, expiresAt } });
}

export function accessTokenFor(bookingId: string): string | undefined {
  return read()[bookingId]?.token;
}
