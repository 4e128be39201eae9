import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findWebClientDist, prefersHtml } from '../src/web-client/web-client';
import { http, startTestServer, TestServer } from '../../../test/utils/api-server';
import { describeWith, Requirement } from '../../../test/utils/requirements';

/** The built client (`npm run build` builds it; `npm test` builds first). */
const BUILT_CLIENT: Requirement = {
  needs: 'the built web client in apps/web/dist (npm run build)',
  met: () => findWebClientDist() !== undefined,
};

/** What a browser sends when it navigates to a page. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';

describe('Accept headers that mean a page', () => {
  it.each([
    [BROWSER, true],
    ['text/html', true],
    ['application/json', false],
    ['*/*', false],
    [undefined, false],
    ['application/json, text/html', false],
    ['text/html;q=0.5, application/json', false],
    ['text/html, application/*;q=0.1', true],
  ])('%s → %s', (accept, page) => {
    expect(prefersHtml(accept)).toBe(page);
  });
});

describeWith(BUILT_CLIENT, 'The API serves the web client', () => {
  let server: TestServer;
  const get = (path: string, accept?: string, extra: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}${path}`, { headers: { ...(accept ? { accept } : {}), ...extra } });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('serves index.html at / and at every page of the client, never cached stale', async () => {
    for (const path of [
      '/',
      '/find-booking',
      '/account/bookings',
      '/checkout/passengers',
      '/nope',
    ]) {
      const page = await get(path, BROWSER);
      expect([path, page.status, page.headers.get('content-type')]).toEqual([
        path,
        200,
        'text/html; charset=utf-8',
      ]);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<div id="root"></div>');
    }
  });

  it('shares /trips/{tripId} with the API: browsers get the page, API clients the trip', async () => {
    const list = await http<{ items: { id: string }[] }>(server.baseUrl, 'GET', '/trips?limit=1');
    const path = `/trips/${list.body.items[0]?.id ?? crypto.randomUUID()}`;
    const page = await get(path, BROWSER);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('vary')).toMatch(/accept/i);
    for (const accept of ['application/json', '*/*', undefined]) {
      const api = await get(path, accept);
      expect(api.headers.get('content-type')).toMatch(/^application\/(problem\+)?json/);
      expect(api.headers.get('vary')).toMatch(/accept/i);
    }
  });

  it('never shadows the API: unknown API paths stay problem+json 404s, whatever the Accept', async () => {
    for (const path of [
      '/bookings/xyz/nothing',
      '/trips/abc/def',
      '/health/nothing',
      '/seats/lock/x/y/z',
    ]) {
      for (const accept of [BROWSER, 'application/json']) {
        const answer = await get(path, accept);
        expect([path, accept, answer.status, answer.headers.get('content-type')]).toEqual([
          path,
          accept,
          404,
          'application/problem+json; charset=utf-8',
        ]);
        expect(await answer.json()).toMatchObject({ code: 'route.not_found' });
      }
    }
    // API routes answer as the API, even to a browser
    const health = await get('/health/live', BROWSER);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    const trips = await get('/trips', BROWSER);
    expect(trips.headers.get('content-type')).toMatch(/^application\/json/);
    // and a page is only ever served to GET/HEAD
    const post = await fetch(`${server.baseUrl}/find-booking`, {
      method: 'POST',
      headers: { accept: BROWSER },
    });
    expect(post.status).toBe(404);
  });

  it('serves hashed assets for a year, precompressed, and 404s unknown ones', async () => {
    const dist = findWebClientDist();
    if (!dist) throw new Error('the web client is not built');
    const script = readdirSync(join(dist, 'assets')).find((name) => /^index-.*\.js$/.test(name));
    expect(script).toBeDefined();
    expect(existsSync(join(dist, 'assets', `${script}.br`))).toBe(true);
    const asset = await get(`/assets/${script}`, '*/*', { 'accept-encoding': 'br, gzip' });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(asset.headers.get('content-encoding')).toBe('br');
    const missing = await get('/assets/index-missing.js', BROWSER);
    expect(missing.status).toBe(404);
  });
});
