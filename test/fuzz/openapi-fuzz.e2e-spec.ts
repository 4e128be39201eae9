import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startTestServer, TestServer, tokenFor } from '../utils/api-server';
import { lockAndBook } from '../utils/bookings';
import { createTrip } from '../utils/catalog';
import { createOwnDatabase } from '../utils/own-database';

/**
 * Issue 17: every operation of openapi/openapi.json fed hostile input — wrong types, boundary
 * values, huge and deeply nested bodies, unicode edge cases, missing and extra fields, bad
 * tokens, bad path and query values. No answer may be a 5xx, and no refused request may change
 * anything (the event log's last position is compared around each one). Bounded: a few
 * thousand requests against a server on a database of its own.
 */

type Schema = Record<string, any>;
const document = JSON.parse(
  readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'),
) as Schema;

function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = (schema.$ref as string).split('/').pop()!;
    return resolve(document.components.schemas[name]);
  }
  if (schema.allOf) return resolve(schema.allOf[0]);
  if (schema.oneOf) return resolve(schema.oneOf[0]);
  if (schema.anyOf) return resolve(schema.anyOf[0]);
  return schema;
}

/** A plausible value of a schema (valid where the schema says enough). */
function example(raw: Schema | undefined, depth = 0): unknown {
  const schema = resolve(raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      if (depth > 6) return {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, example(property, depth + 1)]),
      );
    }
    case 'array':
      return depth > 6 ? [] : [example(schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b2c13';
      if (schema.format === 'date-time') return '2026-12-24T08:00:00.000Z';
      if (schema.format === 'date') return '2026-12-24';
      if (schema.format === 'email') return 'an@example.com';
      return 'A1';
    default:
      return 'x';
  }
}

/** Values that break something somewhere: types, bounds, encodings, sizes. */
const HOSTILE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  -0.5,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000',
  'A\u0000B',
  '\u202e\u200b\u2066',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚌',
  '../../etc/passwd',
  "' OR 1=1 --",
  '2026-02-30',
  '9999-99-99T99:99:99Z',
  [],
  [[]],
  {},
  { $ne: null },
  { __proto__: { polluted: true } },
];

/** A lone surrogate, which JSON.stringify escapes and so never sends raw: written by hand. */
const LONE_SURROGATE = '"\\ud800"';

/** JSON nested `depth` levels deep, written out (a shared-reference object would explode). */
const nested = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

const FUZZ_ADDRESS = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.9`;

interface Case {
  method: string;
  path: string;
  token?: string;
  body?: string;
  contentType?: string;
}

describe('Fuzzing every operation of openapi/openapi.json', () => {
  let server: TestServer;
  let db: Client;
  let dropDatabase: () => Promise<void>;
  const ids: Record<string, string> = {};
  const tokens: (string | undefined)[] = [];

  beforeAll(async () => {
    const own = await createOwnDatabase('fuzz');
    dropDatabase = own.drop;
    server = await startTestServer({
      DATABASE_URL: own.databaseUrl,
      BOOKING_RATE_LIMIT_PER_MINUTE: '10000',
    });
    db = new Client({ connectionString: own.databaseUrl });
    await db.connect();
    const userId = crypto.randomUUID();
    const user = await tokenFor(server.config, ['user'], userId, 'fuzz@example.com');
    const admin = await tokenFor(server.config, ['admin']);
    tokens.push(undefined, 'not.a.token', `${user}x`, user, admin);
    const tripId = await createTrip(server.baseUrl, admin, 40);
    const booked = await lockAndBook(server.baseUrl, user, tripId, ['S1']);
    const lock = await fetch(`${server.baseUrl}/seats/lock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tripId, seatNumbers: ['S2'] }),
    });
    Object.assign(ids, {
      tripId,
      bookingId: booked.body.bookingId,
      reference: booked.body.bookingReference,
      lockId: ((await lock.json()) as { lockId: string }).lockId,
      userId,
    });
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
    await dropDatabase?.();
  });

  function casesOf(method: string, template: string, operation: Schema): Case[] {
    const pathParams = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const fill = (value: (name: string) => string) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name)));
    const realPath = fill((name) => ids[name] ?? '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b2c13');
    const cases: Case[] = [];
    const token = (i: number) => tokens[i % tokens.length];

    // Tokens, on the real path
    tokens.forEach((t) => cases.push({ method, path: realPath, token: t }));
    // Path parameters
    for (const name of pathParams) {
      for (const bad of [
        'not-a-uuid',
        '00000000-0000-0000-0000-000000000000',
        'x'.repeat(300),
        '\u0000',
        '..',
        '%',
        '\u202e',
      ]) {
        cases.push({
          method,
          path: fill((n) => (n === name ? bad : (ids[n] ?? bad))),
          token: tokens[3],
        });
      }
    }
    // Query parameters
    const query = ((operation.parameters ?? []) as Schema[]).filter((p) => p.in === 'query');
    query.forEach((parameter, i) => {
      for (const bad of [
        '',
        '-1',
        '1e309',
        'a'.repeat(3000),
        '2026-02-30',
        '[]',
        '%ED%A0%80',
        'true',
        '0x10',
        '999999999999999999999',
      ]) {
        const value = bad.startsWith('%') ? bad : encodeURIComponent(bad);
        cases.push({ method, path: `${realPath}?${parameter.name}=${value}`, token: token(i + 3) });
      }
      cases.push({
        method,
        path: `${realPath}?${parameter.name}=1&${parameter.name}=2`,
        token: tokens[3],
      });
    });
    // Bodies
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    if (method !== 'GET') {
      const valid = example(bodySchema) as Record<string, unknown>;
      const bodies: string[] = [
        'null',
        '[]',
        '"text"',
        '0',
        '{}',
        '{"a":',
        LONE_SURROGATE,
        nested(40),
        nested(5000),
        JSON.stringify({ ...valid, extra: 'x'.repeat(200_000) }),
        JSON.stringify({ ...valid, unknownField: 1 }),
      ];
      if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
        for (const name of Object.keys(valid)) {
          const { [name]: _missing, ...rest } = valid;
          bodies.push(JSON.stringify(rest));
          for (const value of HOSTILE_VALUES)
            bodies.push(JSON.stringify({ ...valid, [name]: value }));
          bodies.push(
            JSON.stringify(valid).replace(`"${name}":`, `"${name}":${LONE_SURROGATE},"_":`),
          );
        }
      }
      bodies.forEach((body, i) =>
        cases.push({ method, path: realPath, token: token(i + 3), body }),
      );
      cases.push({
        method,
        path: realPath,
        token: tokens[3],
        body: 'x=1',
        contentType: 'text/plain',
      });
      cases.push({
        method,
        path: realPath,
        token: tokens[3],
        body: 'x=1',
        contentType: 'application/x-www-form-urlencoded',
      });
    }
    return cases;
  }

  it('answers no 5xx, and a refused request changes nothing', async () => {
    const lastPosition = async () =>
      Number(
        (await db.query('SELECT coalesce(max(global_position), 0) AS p FROM events')).rows[0].p,
      );
    const failures: string[] = [];
    let requests = 0;
    for (const [template, operations] of Object.entries(document.paths as Record<string, Schema>)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const c of casesOf(method.toUpperCase(), template, operation as Schema)) {
          const before = await lastPosition();
          const what = `${c.method} ${c.path.slice(0, 120)} ${c.body?.slice(0, 120) ?? ''}`;
          const full = `${c.method} ${c.path} ${(c.body ?? '').slice(0, 2000)}`;
          const response = await fetch(`${server.baseUrl}${c.path}`, {
            signal: AbortSignal.timeout(10_000),
            method: c.method,
            headers: {
              // an address of this run's own: the lockouts it earns must not hit other tests
              'x-forwarded-for': FUZZ_ADDRESS,
              ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
              ...(c.body !== undefined
                ? { 'content-type': c.contentType ?? 'application/json' }
                : {}),
            },
            body: c.body,
          }).catch((error: Error) => {
            failures.push(`no answer (${error.name}): ${what}`);
            return undefined;
          });
          requests++;
          if (!response) continue;
          const text = await response.text();
          if (response.status >= 500)
            failures.push(`${response.status} ${full} → ${text.slice(0, 300)}`);
          if (response.status >= 400 && (await lastPosition()) !== before)
            failures.push(`refused (${response.status}) yet changed the log: ${what}`);
        }
      }
    }
    process.stderr.write(`[fuzz] ${requests} requests, ${failures.length} failures\n`);
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 600_000);
});
