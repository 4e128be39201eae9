import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { describeWithRedis } from '../../../test/utils/requirements';

const QUEUES = ['booking-completion', 'booking-expiry', 'seat-hold-expiry', 'ticket-email'];
const html = { accept: 'text/html' };

/** The job queue dashboard at /admin/queues: admins only, read-only, Redis only. */
describeWithRedis('Job queue dashboard', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}${path}`, { headers, redirect: 'manual' });

  it('refuses callers without credentials (401) and those who are not admins (403)', async () => {
    for (const path of [
      '/admin/queues',
      '/admin/queues/api/queues',
      '/admin/queues/queue/ticket-email',
    ]) {
      const anonymous = await http(server.baseUrl, 'GET', path, { headers: html });
      expect([path, anonymous.status, anonymous.body.code]).toEqual([
        path,
        401,
        'auth.missing_token',
      ]);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      expect(anonymous.body.detail).toContain('/admin/queues/sign-in');
      for (const role of ['user', 'driver'] as const) {
        const token = await tokenFor(server.config, [role]);
        const refused = await http(server.baseUrl, 'GET', path, { token });
        expect([path, role, refused.status, refused.body.code]).toEqual([
          path,
          role,
          403,
          'auth.forbidden',
        ]);
      }
    }
    const garbage = await http(server.baseUrl, 'GET', '/admin/queues/api/queues', {
      token: 'not-a-jwt',
    });
    expect(garbage.status).toBe(401);
    // Bull Board's static files are no exception.
    expect((await get('/admin/queues/static/favicon-32x32.png')).status).toBe(401);
  });

  it("lists every queue of the service to an admin's bearer token, and changes nothing", async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const listed = await http(server.baseUrl, 'GET', '/admin/queues/api/queues', { token: admin });
    expect(listed.status).toBe(200);
    const names = (listed.body.queues as { name: string; readOnlyMode: boolean }[]).map(
      (q) => q.name,
    );
    expect(names.sort()).toEqual(QUEUES);
    expect(listed.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
    for (const [method, path] of [
      ['PUT', '/admin/queues/api/queues/ticket-email/pause'],
      ['PUT', '/admin/queues/api/queues/ticket-email/empty'],
      ['POST', '/admin/queues/api/queues/ticket-email/add'],
    ]) {
      const change = await http(server.baseUrl, method, path, { token: admin, body: {} });
      expect([method, path, change.status]).toEqual([method, path, 405]);
    }
  });

  it('opens the page only with the session an admin obtained by POST, sent by cookie', async () => {
    const user = await tokenFor(server.config, ['user']);
    expect(
      (await http(server.baseUrl, 'POST', '/admin/queues/session', { token: user })).status,
    ).toBe(403);
    expect((await http(server.baseUrl, 'POST', '/admin/queues/session')).status).toBe(401);

    const admin = await tokenFor(server.config, ['admin']);
    const opened = await http(server.baseUrl, 'POST', '/admin/queues/session', { token: admin });
    expect(opened.status).toBe(204);
    const setCookie = opened.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^queue_board_session=[\w-]+\.[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/admin/queues');
    expect(setCookie).toMatch(/Max-Age=900\b/);
    const cookie = setCookie.split(';')[0];

    const page = await get('/admin/queues', { ...html, cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<base href="/admin/queues/"');
    expect((await get('/admin/queues/static/favicon-32x32.png', { cookie })).status).toBe(200);
    const api = await http(server.baseUrl, 'GET', '/admin/queues/api/queues', {
      headers: { cookie },
    });
    expect(api.status).toBe(200);

    // The cookie only reads; a tampered or foreign one is nothing.
    const change = await http(server.baseUrl, 'PUT', '/admin/queues/api/queues/pause', {
      headers: { cookie },
    });
    expect(change.status).toBe(401);
    const [name, value] = cookie.split('=');
    const [payload, signature] = value.split('.');
    const tampered = `${name}=${payload}x.${signature}`;
    expect((await get('/admin/queues', { ...html, cookie: tampered })).status).toBe(401);
    // The session is not a bearer token anywhere else.
    const elsewhere = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: value,
      body: { tripId: '00000000-0000-4000-8000-000000000000', seatNumbers: ['S1'] },
    });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([401, 'auth.invalid_token']);

    const closed = await http(server.baseUrl, 'DELETE', '/admin/queues/session');
    expect(closed.status).toBe(204);
    expect(closed.headers.get('set-cookie')).toMatch(/^queue_board_session=; Max-Age=0;/);
  });

  it('serves a sign-in page that holds no data and keeps the token out of URLs', async () => {
    const page = await get('/admin/queues/sign-in', html);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await page.text();
    expect(text).toContain('<form');
    expect(text).not.toMatch(/ticket-email|seat-hold-expiry/);
    const script = await (await get('/admin/queues/sign-in.js')).text();
    expect(script).toContain("method: 'POST'");
    expect(script).toContain('authorization');
    expect(script).not.toMatch(/\?token=|localStorage|sessionStorage/);
  });

  it('stays out of the OpenAPI document, but for the session endpoint', async () => {
    const document = await http(server.baseUrl, 'GET', '/docs-json');
    const paths = Object.keys(document.body.paths).filter((p) => p.startsWith('/admin/queues'));
    expect(paths).toEqual(['/admin/queues/session']);
  });
});

describe('Job queue dashboard without Redis', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: '' });
  });
  afterAll(() => server?.close());

  it('answers 503 queues.unavailable to admins, and still 401 to anyone else', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const answer = await http(server.baseUrl, 'GET', path, { token: admin });
      expect([path, answer.status, answer.body.code]).toEqual([path, 503, 'queues.unavailable']);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect((await http(server.baseUrl, 'GET', path)).status).toBe(401);
    }
    const session = await http(server.baseUrl, 'POST', '/admin/queues/session', { token: admin });
    expect([session.status, session.body.code]).toEqual([503, 'queues.unavailable']);
  });
});
