import { io } from 'socket.io-client';
import { startTestServer, TestServer } from '../../../test/utils/api-server';

function preflight(server: TestServer, origin: string): Promise<Response> {
  return fetch(`${server.baseUrl}/seats/lock`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });
}

/** Whether the seat feed accepts a WebSocket handshake that comes with this Origin. */
async function feedAccepts(server: TestServer, origin: string): Promise<boolean> {
  const socket = io(`${server.baseUrl}/seats`, {
    transports: ['websocket'],
    extraHeaders: { origin },
    reconnection: false,
    timeout: 5000,
  });
  try {
    return await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
  } finally {
    socket.close();
  }
}

describe('CORS', () => {
  describe('configured origins', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ CORS_ORIGINS: 'https://app.example.com' });
    });
    afterAll(() => server?.close());

    it('answers a preflight from an allowed origin with 204, the methods and the headers', async () => {
      const response = await preflight(server, 'https://app.example.com');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'authorization, content-type, idempotency-key, if-none-match, x-request-id',
      );
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('exposes the headers clients read on actual responses', async () => {
      const response = await fetch(`${server.baseUrl}/trips`, {
        headers: { origin: 'https://app.example.com' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(response.headers.get('access-control-expose-headers')).toBe(
        'etag, retry-after, location, x-request-id',
      );
    });

    it('does not allow other origins, over HTTP or on the seat feed', async () => {
      const response = await preflight(server, 'https://evil.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await fetch(`${server.baseUrl}/trips`, {
        headers: { origin: 'http://localhost:5173' },
      });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      expect(await feedAccepts(server, 'https://evil.example')).toBe(false);
      expect(await feedAccepts(server, 'https://app.example.com')).toBe(true);
      // A page served by the API itself is same-origin: no CORS setting is needed for it.
      expect(await feedAccepts(server, server.baseUrl)).toBe(true);
    });
  });

  describe('defaults', () => {
    let development: TestServer;
    beforeAll(async () => {
      development = await startTestServer({ NODE_ENV: 'development' });
    });
    afterAll(() => development?.close());

    it('allows any localhost origin in development, and nothing else', async () => {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080']) {
        const response = await preflight(development, origin);
        expect([origin, response.headers.get('access-control-allow-origin')]).toEqual([
          origin,
          origin,
        ]);
      }
      const other = await preflight(development, 'https://app.example.com');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(await feedAccepts(development, 'http://localhost:5173')).toBe(true);
      expect(await feedAccepts(development, 'https://app.example.com')).toBe(false);
    });
  });
});
