import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Serves the reference web client (apps/web, built by `npm run build` into apps/web/dist) from
 * the API's port:
 * - `/assets/*`: Vite's content-hashed files, cached for a year (`immutable`);
 * - `index.html` (`no-cache`) for page navigations: GET/HEAD requests that prefer `text/html`
 *   (browsers navigating; API clients ask for JSON or `*∕*`) and whose path is a page of the
 *   client, not an API path.
 *
 * The page fallback never shadows the API: a path whose first segment is one of the API's
 * (collected from every route registered, Swagger's included) stays the API's, so an unknown
 * API path still answers 404 `route.not_found` as problem+json, whatever the Accept header.
 * The one exception is a page the client shares with an API route, listed below: browsers
 * navigating there get the page; every other client gets the API's JSON.
 */

/** Client pages on an API path (apps/web/src/app/routes.tsx): the trip's seat map. */
const CLIENT_PAGES_ON_API_ROUTES = new Set(['/trips/:tripId']);

/** Paths that are never pages although no Fastify route declares them (Socket.io's). */
const RESERVED_PREFIXES = ['socket.io'];

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The built client: apps/web/dist from the sources (ts-jest) or from dist/ (the build). */
export function findWebClientDist(): string | undefined {
  const candidates = [
    resolve(__dirname, '../../../web/dist'),
    resolve(__dirname, '../../../../../apps/web/dist'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/** Quality of a media range in an Accept header (0 when absent). */
function quality(accept: string, ...ranges: string[]): number {
  let best = 0;
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    if (!ranges.includes(range.trim())) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    best = Math.max(best, q === undefined ? 1 : Number(q) || 0);
  }
  return best;
}

/** A browser navigation: `text/html` asked for explicitly, and preferred to JSON. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = quality(accept, 'text/html');
  return html > 0 && html > quality(accept, 'application/json', 'application/*');
}

/** First segment of a path or route pattern (`/trips/:id` → `trips`). */
const firstSegment = (path: string) => path.split('?')[0].split('/')[1] ?? '';

export interface WebClient {
  /** Where the built files are served from. */
  dist: string;
}

/**
 * Collects the API's path prefixes from every route registered from now on; call it before the
 * routes are registered (before Swagger's setup and `app.init()`).
 */
export function collectApiPrefixes(fastify: FastifyInstance): Set<string> {
  const prefixes = new Set(RESERVED_PREFIXES);
  fastify.addHook('onRoute', (route) => {
    const segment = firstSegment(route.url);
    if (segment && !route.url.startsWith('/assets/')) prefixes.add(segment);
  });
  return prefixes;
}

/**
 * Serves the built client when there is one (returns undefined, logging why, when there is
 * not: the API still works). `apiPrefixes` comes from collectApiPrefixes.
 */
export async function serveWebClient(
  app: NestFastifyApplication,
  apiPrefixes: ReadonlySet<string>,
  options: { dist?: string; log?: (message: string) => void } = {},
): Promise<WebClient | undefined> {
  const dist = options.dist ?? findWebClientDist();
  if (!dist) {
    options.log?.('web client not built (run `npm run build`): serving the API only');
    return undefined;
  }
  await app.register(fastifyStatic, {
    root: join(dist, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    maxAge: ONE_YEAR_SECONDS * 1000,
    immutable: true,
    preCompressed: true,
  });

  const fastify = app.getHttpAdapter().getInstance();
  const sendPage = (reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept')
      .header('x-content-type-options', 'nosniff')
      .sendFile('index.html', dist, { cacheControl: false });

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const sharedWithPage = CLIENT_PAGES_ON_API_ROUTES.has(request.routeOptions.url ?? '');
    // The answer on a shared path depends on Accept: caches must keep the two apart.
    if (sharedWithPage) void reply.header('vary', 'Accept');
    if (!prefersHtml(request.headers.accept)) return;
    const isPage = request.is404 ? !apiPrefixes.has(firstSegment(request.url)) : sharedWithPage;
    if (!isPage) return;
    await sendPage(reply);
    return reply;
  });
  return { dist };
}
