import { http } from './api-server';
import { standardBus, tripFor } from './fixtures';

/** Registers a bus of `seatCount` seats (S1..Sn) and schedules a trip on it; returns the trip id. */
export async function createTrip(
  baseUrl: string,
  adminToken: string,
  seatCount = 12,
  tripOverrides: Record<string, unknown> = {},
): Promise<string> {
  const bus = await http(baseUrl, 'POST', '/admin/buses', {
    token: adminToken,
    body: standardBus(seatCount),
  });
  if (bus.status !== 201) throw new Error(`bus: ${bus.status} ${JSON.stringify(bus.body)}`);
  const trip = await http(baseUrl, 'POST', '/admin/trips', {
    token: adminToken,
    body: tripFor(bus.body.id, tripOverrides),
  });
  if (trip.status !== 201) throw new Error(`trip: ${trip.status} ${JSON.stringify(trip.body)}`);
  return trip.body.id;
}

export async function guestToken(baseUrl: string): Promise<string> {
  const session = await http(baseUrl, 'POST', '/guest/sessions', { body: {} });
  return session.body.token;
}
