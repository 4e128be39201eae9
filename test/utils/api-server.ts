import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { Role, signPlatformToken } from '@app/auth';
import { AppConfig, loadConfig } from '@app/config';
import { createApiApp } from '../../apps/api/src/app.factory';
import { recordProblem } from './problem-log';
import { removeTempDir, testTempDir } from './tmp';

export interface TestServer {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A real API server on a free port, against the test Postgres (and Redis when there is one).
 * Its DATA_DIR is a temporary folder, removed by `close()` (or at once when it fails to start).
 */
export async function startTestServer(
  overrides: Record<string, string> = {},
  options: {
    withWorker?: boolean;
    /** Where its log lines go (at LOG_LEVEL, given in `overrides`); none are written otherwise. */
    logTo?: DestinationStream;
  } = {},
): Promise<TestServer> {
  const dataDir = overrides.DATA_DIR === undefined ? testTempDir('server') : undefined;
  try {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      // Each test server's worker sees every event and keeps its own job queues, so jobs run with
      // this server's settings (SMTP, TTLs), and files it writes stay out of the checkout.
      WORKER_GROUP: `test-${randomUUID().slice(0, 8)}`,
      DATA_DIR: dataDir,
      // Every test server's guests come from 127.0.0.1 and share the test Redis's counters.
      GUEST_SESSIONS_PER_HOUR: '100000',
      GUEST_SEATS_PER_ADDRESS_PER_TRIP: '1000',
      ...overrides,
    });
    const app = await createApiApp({
      config,
      databaseUrl: config.database.url!,
      withWorker: options.withWorker ?? false,
      logs: false,
      logTo: options.logTo,
      onProblem: recordProblem,
    });
    let baseUrl: string;
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
    return {
      app,
      config,
      baseUrl,
      close: async () => {
        try {
          await app.close();
        } finally {
          removeTempDir(dataDir);
        }
      },
    };
  } catch (error) {
    removeTempDir(dataDir);
    throw error;
  }
}

export function tokenFor(
  config: AppConfig,
  roles: Role[],
  sub: string = randomUUID(),
  email?: string,
): Promise<string> {
  return signPlatformToken({ secret: config.auth.jwtSecret!, sub, roles, email });
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch with JSON in and out; never throws on 4xx/5xx. */
export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    rawBody?: string;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}
