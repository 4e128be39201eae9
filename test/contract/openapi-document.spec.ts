import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOG, STATUS_BY_KIND } from '@app/errors';
import { undocumentedProblems } from '../utils/problem-log';

/** Checks of the committed openapi/openapi.json (CI also checks it is what the code generates). */
const document = JSON.parse(
  readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'),
) as Record<string, any>;

const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(
  ([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
);

function walk(node: unknown, visit: (schema: Record<string, any>, at: string) => void, at = '') {
  if (!node || typeof node !== 'object') return;
  visit(node as Record<string, any>, at);
  for (const [key, child] of Object.entries(node)) walk(child, visit, `${at}/${key}`);
}

function codesOf(schema: any): string[] {
  if (!schema) return [];
  return [
    ...(schema.properties?.code?.enum ?? []),
    ...(schema.allOf ?? []).flatMap(codesOf),
    ...(schema.oneOf ?? []).flatMap(codesOf),
  ];
}

describe('openapi/openapi.json', () => {
  it('names every operation with a unique camelCase id', () => {
    const ids = operations.map(({ operation }) => operation.operationId as string);
    expect(ids.every((id) => /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves every error as application/problem+json whose codes match the status', () => {
    for (const { path, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, any>)) {
        if (Number(status) < 400 || (path === '/health/ready' && status === '503')) continue;
        expect([`${method} ${path} ${status}`, Object.keys(response.content ?? {})]).toEqual([
          `${method} ${path} ${status}`,
          ['application/problem+json'],
        ]);
        const codes = codesOf(response.content['application/problem+json'].schema);
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes) {
          const spec = ERROR_CATALOG[code as keyof typeof ERROR_CATALOG];
          expect([code, STATUS_BY_KIND[spec.kind]]).toEqual([code, Number(status)]);
        }
        if (status === '429') expect(response.headers['Retry-After']).toBeDefined();
      }
    }
  });

  it('documents every HTTP code of the error catalog on some operation', () => {
    const documented = new Set(
      operations.flatMap(({ operation }) =>
        Object.values(operation.responses as Record<string, any>).flatMap((response) =>
          codesOf(response.content?.['application/problem+json']?.schema),
        ),
      ),
    );
    const httpCodes = Object.keys(ERROR_CATALOG).filter(
      (code) => !code.startsWith('feed.') && !code.startsWith('route.'),
    );
    expect(httpCodes.filter((code) => !documented.has(code))).toEqual([]);
  });

  it('types integers as integers and leaves no untyped object', () => {
    const loose: string[] = [];
    walk(document, (schema, at) => {
      if (schema.type === 'number') loose.push(`${at}: number`);
      if (
        schema.type === 'object' &&
        !schema.properties &&
        !schema.additionalProperties &&
        !schema.allOf
      )
        loose.push(`${at}: object without properties`);
    });
    expect(loose).toEqual([]);
  });

  it('types id parameters as uuids and gives every tag a description', () => {
    for (const { operation } of operations) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path' && parameter.name.endsWith('Id')) {
          expect([parameter.name, parameter.schema.format]).toEqual([parameter.name, 'uuid']);
        }
      }
    }
    expect(document.tags.every((tag: any) => tag.description)).toBe(true);
    expect(document.servers.length).toBeGreaterThan(0);
  });

  it('finds answered problems the document does not list', () => {
    expect(
      undocumentedProblems(document as never, [
        { method: 'POST', route: '/seats/lock', status: 409, code: 'seat.unavailable' },
        { method: 'POST', route: '/seats/lock', status: 409, code: 'booking.not_found' },
        { method: 'GET', route: '/trips/:tripId', status: 418, code: 'trip.not_found' },
        { method: 'GET', route: 'unmatched', status: 404, code: 'route.not_found' },
      ]),
    ).toEqual([
      'GET /trips/{tripId} 418 trip.not_found: status not documented',
      'POST /seats/lock 409: code booking.not_found not documented',
    ]);
  });
});
