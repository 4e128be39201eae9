import { randomBytes } from 'node:crypto';
import { startTestServer, TestServer } from '../../../test/utils/api-server';

/** Issue 17, hole 11: /metrics and /docs are the operator's to expose. */
describe('What the service exposes besides the API', () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));
  const start = async (overrides: Record<string, string>) => {
    const server = await startTestServer(overrides);
    servers.push(server);
    return server;
  };
  const get = (server: TestServer, path: string, token?: string) =>
    fetch(`${server.baseUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const secret = () => randomBytes(32).toString('base64');

  it('serves /metrics only with METRICS_TOKEN when one is set', async () => {
    const token = secret();
    const server = await start({ METRICS_TOKEN: token });
    expect((await get(server, '/metrics')).status).toBe(404);
    expect((await get(server, '/metrics', secret())).status).toBe(404);
    const metrics = await get(server, '/metrics', token);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('http_request');
  });

  it('does not serve /metrics in production without a token', async () => {
    const server = await start({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: secret(),
      GUEST_TOKEN_SECRET: secret(),
      PII_ENCRYPTION_KEYS: `k1:${secret()}`,
      PII_BLIND_INDEX_KEY: secret(),
      TICKET_SIGNING_KEY: secret(),
    });
    expect((await get(server, '/metrics')).status).toBe(404);
    expect((await get(server, '/health/live')).status).toBe(200);
  });

  it('serves no documentation with DOCS_ENABLED=false', async () => {
    const server = await start({ DOCS_ENABLED: 'false' });
    for (const path of ['/docs', '/docs-json', '/docs/asyncapi.yaml']) {
      expect([path, (await get(server, path)).status]).toEqual([path, 404]);
    }
    const documented = await start({});
    expect((await get(documented, '/docs-json')).status).toBe(200);
  });
});
