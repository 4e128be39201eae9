import type { FastifyCorsOptions } from '@fastify/cors';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import type { AppConfig } from '@app/config';

type CorsConfig = Pick<AppConfig, 'http' | 'isProduction'>;

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** Which browser origins may call the API and the seat feed: CORS_ORIGINS, else the default. */
export function corsOrigin(config: CorsConfig): '*' | string[] | RegExp | false {
  const origins = config.http.corsOrigins;
  if (origins !== undefined) return origins === '*' ? origins : [...origins];
  return config.isProduction ? false : LOCAL_ORIGIN;
}

export function isOriginAllowed(config: CorsConfig, origin: string): boolean {
  const allowed = corsOrigin(config);
  if (allowed === '*') return true;
  if (allowed === false) return false;
  if (allowed instanceof RegExp) return allowed.test(origin);
  return allowed.includes(origin.toLowerCase());
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Bearer tokens, never cookies: credentials stay off, so no origin can ride on a session. */
export function corsOptions(config: CorsConfig): FastifyCorsOptions {
  return {
    origin: corsOrigin(config),
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'if-none-match',
      'x-request-id',
    ],
    exposedHeaders: ['etag', 'retry-after', 'location', 'x-request-id'],
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
}

/**
 * Socket.io with the same origins as HTTP. CORS covers the polling transport; WebSocket upgrades
 * are not subject to CORS in browsers, so the handshake's Origin is checked too: a page of
 * this service itself (same host) is always welcome, and clients that are not browsers send no
 * Origin and are let through.
 */
export class CorsIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: CorsConfig,
  ) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): unknown {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: corsOrigin(this.config), credentials: false },
      allowRequest: (
        request: IncomingMessage,
        callback: (error: string | null, ok: boolean) => void,
      ) => {
        const origin = request.headers.origin;
        callback(
          null,
          origin === undefined ||
            isSameOrigin(origin, request.headers.host) ||
            isOriginAllowed(this.config, origin),
        );
      },
    });
  }
}
