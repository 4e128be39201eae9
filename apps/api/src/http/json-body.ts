import type { FastifyInstance } from 'fastify';
import { RequestValidationError } from './problem-details';

/** Deeper than any request of this API needs; far below what would strain the parser. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether JSON text nests deeper than `limit`, told by one pass over it without parsing. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The path of the first string (value or key) that is not well-formed Unicode, if any. */
export function illFormedText(value: unknown, path = 'body'): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = illFormedText(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return path;
      const found = illFormedText(item, path === 'body' ? key : `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The JSON body parser: an empty body is no body (many clients send the content type with every
 * request, DELETE included); a body nested deeper than MAX_JSON_DEPTH is refused before it is
 * parsed, so a few kilobytes of brackets cost microseconds, not the event loop; text that is not
 * well-formed Unicode (a lone surrogate) is refused instead of failing in the database.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    // Kept for what must check the exact bytes (the payment webhook's signature).
    (request as { rawBody?: string }).rawBody = text;
    if (text === '') return done(null, undefined);
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      return done(
        new RequestValidationError([
          {
            field: 'body',
            rule: 'maxDepth',
            message: `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
          },
        ]),
        undefined,
      );
    }
    parseJson(request, text, (error: Error | null, parsed?: unknown) => {
      if (error) return done(error, undefined);
      const field = illFormedText(parsed);
      if (!field) return done(null, parsed);
      done(
        new RequestValidationError([
          {
            field,
            rule: 'wellFormedUnicode',
            message: `${field} contains a lone surrogate; send well-formed UTF-16 text`,
          },
        ]),
        undefined,
      );
    });
  });
}
