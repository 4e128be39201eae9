import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip } from '../../../test/utils/catalog';

/** Issue 17, hole 3: anonymous guests could hold a whole bus (8 sessions × 5 seats of 40). */
describe('Guests holding seats in numbers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      GUEST_SESSIONS_PER_HOUR: '8',
      GUEST_SEATS_PER_ADDRESS_PER_TRIP: '10',
    });
  });
  afterAll(() => server?.close());

  // Addresses of this run only: the counters live in Redis for an hour.
  const net = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const session = (ip: string) =>
    http(server.baseUrl, 'POST', '/guest/sessions', { headers: { 'x-forwarded-for': ip } });

  it('limits guest sessions per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await session(`${net}.7`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 429]);
    const refused = await session(`${net}.7`);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await session(`${net}.8`)).status).toBe(201);
  });

  it('lets guests together hold at most half of a trip, users the rest', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 40);
    const seats = Array.from({ length: 40 }, (_, i) => `S${i + 1}`);
    const held: number[] = [];
    for (let i = 0; i < 8; i++) {
      const ip = `${net}.${100 + i}`;
      const guest = (await session(ip)).body.token as string;
      const answer = await http(server.baseUrl, 'POST', '/seats/lock', {
        token: guest,
        body: { tripId, seatNumbers: seats.slice(i * 5, i * 5 + 5) },
        headers: { 'x-forwarded-for': ip },
      });
      held.push(answer.status);
      if (answer.status !== 201) expect(answer.body.code).toBe('seat.guest_share_exceeded');
    }
    expect(held).toEqual([201, 201, 201, 201, 409, 409, 409, 409]);
    const user = await tokenFor(server.config, ['user']);
    const byUser = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: user,
      body: { tripId, seatNumbers: seats.slice(20, 25) },
    });
    expect(byUser.status).toBe(201);
  });

  it('lets the sessions of one address hold at most GUEST_SEATS_PER_ADDRESS_PER_TRIP seats of a trip', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 40);
    const ip = `${net}.200`;
    const lockAs = async (seatNumbers: string[], from = ip) => {
      const guest = (await session(from)).body.token as string;
      return http(server.baseUrl, 'POST', '/seats/lock', {
        token: guest,
        body: { tripId, seatNumbers },
        headers: { 'x-forwarded-for': from },
      });
    };
    expect((await lockAs(['S1', 'S2', 'S3', 'S4'])).status).toBe(201);
    expect((await lockAs(['S5', 'S6', 'S7', 'S8'])).status).toBe(201);
    const refused = await lockAs(['S9', 'S10', 'S11']); // 8 held + 3 > 10
    expect([refused.status, refused.body.code]).toEqual([429, 'seat.guest_address_limit']);
    expect(refused.body).toMatchObject({ limit: 10, held: 8, requested: 3 });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // the rest of the allowance, another address, and users are not affected
    expect((await lockAs(['S9', 'S10'])).status).toBe(201);
    expect((await lockAs(['S11', 'S12', 'S13'], `${net}.201`)).status).toBe(201);
  });
});
