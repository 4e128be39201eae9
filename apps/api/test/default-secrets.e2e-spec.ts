import { SignJWT } from 'jose';
import { SECRET_NAMES } from '@app/config';
import { http, startTestServer, tokenFor, type TestServer } from '../../../test/utils/api-server';
import { lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { removeTempDir, testTempDir } from '../../../test/utils/tmp';

/** The development secrets the source used to carry (issue 17, hole 1): public knowledge. */
const PUBLISHED = {
  AUTH_JWT_SECRET: 'dev-only-auth-secret-change-me-0123456789abcdef',
  GUEST_TOKEN_SECRET: 'dev-only-guest-secret-change-me-0123456789abcdef',
};
const UNSET = Object.fromEntries(SECRET_NAMES.map((name) => [name, '']));

function forge(secret: string, claims: Record<string, unknown>, issuer?: string) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime('10m');
  if (issuer) jwt.setIssuer(issuer);
  return jwt.sign(new TextEncoder().encode(secret));
}

describe('A service started without configured secrets', () => {
  let dataDir: string;
  let server: TestServer;
  beforeAll(async () => {
    dataDir = testTempDir('secrets');
    server = await startTestServer({ ...UNSET, DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.close();
    removeTempDir(dataDir);
  });

  it('makes random secrets of its own: tokens signed with the published ones open nothing', async () => {
    expect(server.config.developmentSecrets).toEqual([...SECRET_NAMES]);
    const owner = await tokenFor(server.config, ['user']);
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 8);
    const booked = await lockAndBook(server.baseUrl, owner, tripId, ['S1']);
    expect(booked.status).toBe(201);
    const bookingId = booked.body.bookingId as string;

    const forgedGuest = await forge(
      PUBLISHED.GUEST_TOKEN_SECRET,
      { roles: ['guest'], booking: bookingId },
      'bus-booking-service',
    );
    const forgedAdmin = await forge(PUBLISHED.AUTH_JWT_SECRET, { roles: ['admin'] });
    for (const token of [forgedGuest, forgedAdmin]) {
      const read = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token });
      expect(read.status).toBe(401);
      const cancel = await http(server.baseUrl, 'DELETE', `/bookings/${bookingId}`, { token });
      expect(cancel.status).toBe(401);
    }
    const own = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: owner });
    expect([own.status, own.body.status]).toEqual([200, 'pending']);
  });

  it('keeps them in its data directory: a guest session outlives a restart', async () => {
    const session = await http(server.baseUrl, 'POST', '/guest/sessions', { body: {} });
    expect(session.status).toBe(201);
    const token = session.body.token as string;
    const missingTrip = { tripId: crypto.randomUUID(), seatNumbers: ['S1'] };
    await server.close();
    server = await startTestServer({ ...UNSET, DATA_DIR: dataDir });
    const lock = await http(server.baseUrl, 'POST', '/seats/lock', { token, body: missingTrip });
    expect([lock.status, lock.body.code]).toEqual([404, 'trip.not_found']);

    // another data directory is another service: the token means nothing there
    const otherDir = testTempDir('secrets-other');
    const other = await startTestServer({ ...UNSET, DATA_DIR: otherDir });
    try {
      const refused = await http(other.baseUrl, 'POST', '/seats/lock', {
        token,
        body: missingTrip,
      });
      expect(refused.status).toBe(401);
    } finally {
      await other.close();
      removeTempDir(otherDir);
    }
  });
});
