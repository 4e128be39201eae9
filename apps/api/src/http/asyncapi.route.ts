import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the seat feed's contract is served. */
export const ASYNCAPI_DOCUMENT_URL = '/docs/asyncapi.yaml';
/** Where the OpenAPI document the contract refers to is served (SwaggerModule's `docs-json`). */
const OPENAPI_DOCUMENT_URL = '/docs-json';
const ASYNCAPI_FILE = join('openapi', 'asyncapi.yaml');
/** `$ref: './openapi.json#…'`, the committed copy next to asyncapi.yaml. */
const OPENAPI_FILE_REF = /(\$ref:\s*['"]?)\.\/openapi\.json#/g;

/**
 * The repository (or image) root: the nearest directory above `from` holding
 * `openapi/asyncapi.yaml`. Works from the sources (ts-jest, ts-node) and from `dist/` alike.
 */
export function findAsyncApiFile(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ASYNCAPI_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(
        `${ASYNCAPI_FILE} not found in ${from} or any directory above it; ` +
          'it belongs next to dist/ (copy openapi/ into the image).',
      );
    }
  }
}

/**
 * The document as served: its references to the committed `openapi.json` point at the served
 * OpenAPI document instead, so tools that load it from the API resolve them.
 */
export function servedAsyncApiDocument(text: string): string {
  return text.replace(OPENAPI_FILE_REF, `$1${OPENAPI_DOCUMENT_URL}#`);
}

/**
 * `GET /docs/asyncapi.yaml`: the AsyncAPI document of the Socket.io seat feed
 * (`openapi/asyncapi.yaml`), read once when the route is registered.
 */
export function registerAsyncApiDocument(fastify: FastifyInstance): void {
  const document = servedAsyncApiDocument(readFileSync(findAsyncApiFile(), 'utf8'));
  fastify.get(ASYNCAPI_DOCUMENT_URL, (_request, reply) =>
    reply.type('application/yaml; charset=utf-8').send(document),
  );
}
