import { randomBytes, randomUUID } from 'node:crypto';
import { buildOpenApiDocument } from '../src/app.factory';
import { http, startTestServer, TestServer } from '../../../test/utils/api-server';

describe('DEMO sign-in outside production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: 'development' });
  });
  afterAll(() => server?.close());

  it('lists the demo user and admin', async () => {
    const answer = await http(server.baseUrl, 'GET', '/dev/accounts');
    expect(answer.status).toBe(200);
    expect(answer.body.accounts.map((a: { role: string }) => a.role)).toEqual(['user', 'admin']);
  });

  it('mints a short-lived token the API accepts, for the same account every time', async () => {
    const first = await http(server.baseUrl, 'POST', '/dev/sign-in', { body: { role: 'user' } });
    const again = await http(server.baseUrl, 'POST', '/dev/sign-in', { body: { role: 'user' } });
    expect(first.status).toBe(200);
    expect(first.body.account.id).toBe(again.body.account.id);
    expect(first.body.roles).toEqual(['user']);
    const lifetime = Date.parse(first.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(50 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    const bookings = await http(server.baseUrl, 'GET', `/users/${first.body.account.id}/bookings`, {
      token: first.body.token,
    });
    expect(bookings.status).toBe(200);

    const admin = await http(server.baseUrl, 'POST', '/dev/sign-in', { body: { role: 'admin' } });
    expect(admin.body.roles).toEqual(['user', 'admin']);
    const other = await http(server.baseUrl, 'GET', `/users/${randomUUID()}/bookings`, {
      token: admin.body.token,
    });
    expect(other.status).toBe(200);
  });

  it('refuses unknown roles', async () => {
    const answer = await http(server.baseUrl, 'POST', '/dev/sign-in', { body: { role: 'driver' } });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('request.invalid');
  });
});

describe('DEMO sign-in in production', () => {
  let server: TestServer;
  beforeAll(async () => {
    const secret = () => randomBytes(32).toString('base64');
    server = await startTestServer({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: secret(),
      GUEST_TOKEN_SECRET: secret(),
      PII_ENCRYPTION_KEYS: `k1:${secret()}`,
      PII_BLIND_INDEX_KEY: secret(),
      TICKET_SIGNING_KEY: secret(),
    });
  });
  afterAll(() => server?.close());

  it('does not exist: nothing mints tokens', async () => {
    for (const [method, path] of [
      ['POST', '/dev/sign-in'],
      ['GET', '/dev/accounts'],
    ] as const) {
      const answer = await http(server.baseUrl, method, path, {
        body: method === 'POST' ? { role: 'admin' } : undefined,
      });
      expect([method, path, answer.status, answer.body.code]).toEqual([
        method,
        path,
        404,
        'route.not_found',
      ]);
    }
    const document = buildOpenApiDocument(server.app);
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/dev'))).toEqual([]);
  });
});
