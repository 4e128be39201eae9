import { randomUUID } from 'node:crypto';
import {
  http,
  startTestServer,
  tokenFor,
  type TestServer,
} from '../../../../test/utils/api-server';
import { uniquePlate } from '../../../../test/utils/fixtures';

export type { TestServer };

/** A real API server (test Postgres and Redis) serving the built client. */
export function startWebServer(overrides: Record<string, string> = {}, withWorker = false) {
  return startTestServer(
    {
      BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
      GUEST_OTP_REQUIRED: 'false',
      // every browser context of a run is a guest from 127.0.0.1
      GUEST_SESSIONS_PER_HOUR: '100000',
      GUEST_HOLD_SHARE_PERCENT: '100',
      ...overrides,
    },
    { withWorker },
  );
}

/**
 * A limousine trip of `rows` × 3 seats named A1.. (the first row accessible), leaving in two
 * days from a place of its own, so that a search finds it alone.
 */
export async function createTrip(
  server: TestServer,
  { rows = 4, type = 'limousine' }: { rows?: number; type?: 'limousine' | 'standard' } = {},
): Promise<{ tripId: string; origin: string; destination: string }> {
  const admin = await tokenFor(server.config, ['admin']);
  const seats = Array.from({ length: rows * 3 }, (_, i) => ({
    seatNumber: `A${i + 1}`,
    deck: 1,
    row: Math.floor(i / 3) + 1,
    col: (i % 3) + 1,
    type,
    accessible: i < 3,
  }));
  const bus = await http(server.baseUrl, 'POST', '/admin/buses', {
    token: admin,
    body: { name: 'Web Test Limousine', plateNumber: uniquePlate(), seats },
  });
  if (bus.status !== 201) throw new Error(`bus: ${bus.status} ${JSON.stringify(bus.body)}`);
  const origin = `Huế ${randomUUID().slice(0, 6)}`;
  const destination = 'Hội An';
  const departure = new Date(Date.now() + 48 * 3600_000);
  const trip = await http(server.baseUrl, 'POST', '/admin/trips', {
    token: admin,
    body: {
      busId: bus.body.id,
      origin,
      destination,
      departureAt: departure.toISOString(),
      arrivalAt: new Date(departure.getTime() + 3 * 3600_000).toISOString(),
      fares: {
        standard: { amount: 250_000, currency: 'VND' },
        limousine: { amount: 400_000, currency: 'VND' },
      },
    },
  });
  if (trip.status !== 201) throw new Error(`trip: ${trip.status} ${JSON.stringify(trip.body)}`);
  return { tripId: trip.body.id, origin, destination };
}

/** Another traveller holding seats through the API (a guest session of its own). */
export async function holdAsSomeoneElse(server: TestServer, tripId: string, seatNumbers: string[]) {
  const guest = await http<{ token: string }>(server.baseUrl, 'POST', '/guest/sessions', {
    body: {},
  });
  const lock = await http<{ lockId: string }>(server.baseUrl, 'POST', '/seats/lock', {
    token: guest.body.token,
    body: { tripId, seatNumbers },
  });
  if (lock.status !== 201) throw new Error(`lock: ${lock.status} ${JSON.stringify(lock.body)}`);
  return { token: guest.body.token, lockId: lock.body.lockId };
}
