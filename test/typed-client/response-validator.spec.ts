import {
  opaqueSchemas,
  OpenApiDocument,
  ResponseValidator,
  toJsonSchema,
} from './response-validator';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

const document: OpenApiDocument = {
  openapi: '3.0.0',
  paths: {
    '/trips/{tripId}/seats': {
      get: {
        responses: {
          200: json({
            oneOf: [
              { $ref: '#/components/schemas/SeatMap' },
              { $ref: '#/components/schemas/SeatChanges' },
            ],
          }),
          304: { description: 'Unchanged' },
          404: json({ $ref: '#/components/schemas/Problem' }),
        },
      },
    },
    '/bookings': {
      post: {
        responses: {
          201: json({ $ref: '#/components/schemas/Booking' }),
          202: { description: 'Accepted, nothing to say' },
          default: {
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
            },
          },
        },
      },
      get: { responses: { 200: json({ type: 'object', additionalProperties: true }) } },
    },
    '/bookings/{bookingId}/e-ticket': {
      get: {
        responses: { 200: { content: { 'application/pdf': { schema: { type: 'string' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Money: {
        type: 'object',
        required: ['amount', 'currency'],
        properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
      },
      Seat: {
        type: 'object',
        required: ['seatNumber', 'price', 'status'],
        properties: {
          seatNumber: { type: 'string' },
          price: { $ref: '#/components/schemas/Money' },
          status: { type: 'string', enum: ['available', 'locked'] },
          expiresAt: { type: 'string', format: 'date-time', nullable: true },
        },
      },
      SeatMap: {
        type: 'object',
        required: ['version', 'seats'],
        properties: {
          version: { type: 'integer', minimum: 0, exclusiveMinimum: false },
          seats: { type: 'array', items: { $ref: '#/components/schemas/Seat' } },
        },
      },
      SeatChanges: {
        type: 'object',
        required: ['fromVersion', 'changes'],
        properties: { fromVersion: { type: 'integer' }, changes: { type: 'array' } },
      },
      Problem: {
        type: 'object',
        required: ['status', 'code'],
        properties: { status: { type: 'integer' }, code: { type: 'string' } },
      },
      Booking: {
        type: 'object',
        required: ['bookingId', 'total'],
        properties: {
          bookingId: { type: 'string', format: 'uuid' },
          total: { allOf: [{ $ref: '#/components/schemas/Money' }], description: 'All in' },
          payment: { $ref: '#/components/schemas/Money', nullable: true },
          details: { type: 'object', additionalProperties: true },
          actor: { type: 'object' },
        },
      },
    },
  },
};

const respond = (body: unknown, status = 200, contentType = 'application/json; charset=utf-8') =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': contentType },
  });

const seat = { seatNumber: 'A1', price: { amount: 420000, currency: 'VND' }, status: 'available' };
const booking = {
  bookingId: '6f1c1c4e-1d2b-4c3a-9f0e-2b7d9a1e5c00',
  total: { amount: 462000, currency: 'VND' },
};

describe('ResponseValidator', () => {
  const check = (method: string, path: string, response: Response) =>
    new ResponseValidator(document).check(method, path, response);

  it('accepts answers that match: $ref, oneOf, allOf, nullable, additionalProperties, no content', async () => {
    const answers = [
      await check('GET', '/trips/{tripId}/seats', respond({ version: 3, seats: [seat] })),
      await check(
        'get',
        '/trips/{tripId}/seats',
        respond({ version: 3, seats: [{ ...seat, expiresAt: null }] }),
      ),
      await check('GET', '/trips/{tripId}/seats', respond({ fromVersion: 2, changes: [] })),
      await check('GET', '/trips/{tripId}/seats', new Response(null, { status: 304 })),
      await check(
        'POST',
        '/bookings',
        respond(
          { ...booking, payment: null, details: { anything: [1] }, actor: { kind: 'x' } },
          201,
        ),
      ),
      await check(
        'POST',
        '/bookings',
        respond({ status: 409, code: 'seat.unavailable' }, 409, 'application/problem+json'),
      ),
      await check('GET', '/bookings', respond({ free: { form: true } })),
      await check(
        'GET',
        '/bookings/{bookingId}/e-ticket',
        new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } }),
      ),
    ];
    expect(answers.flatMap((a) => a.mismatches)).toEqual([]);
  });

  it('names the content type, status, operation and body mismatches, one line each', async () => {
    const validator = new ResponseValidator(document);
    await validator.check(
      'GET',
      '/trips/{tripId}/seats',
      respond({ status: 404, code: 'trip.not_found' }, 404, 'application/problem+json'),
    );
    await validator.check(
      'GET',
      '/trips/{tripId}/seats',
      respond({ version: 3, seats: [{ ...seat, price: { amount: 1.5, currency: 'VND' } }] }),
    );
    await validator.check(
      'GET',
      '/trips/{tripId}/seats',
      respond({ version: 3, seats: [seat, seat, seat].map((s) => ({ ...s, status: 'gone' })) }),
    );
    await validator.check('GET', '/trips/{tripId}/seats', respond({ status: 500 }, 500));
    await validator.check('DELETE', '/bookings', respond({}));
    await validator.check('GET', '/nowhere', respond({}));
    await validator.check('POST', '/bookings', respond({ ...booking, bookingId: 42 }, 201));
    await validator.check('POST', '/bookings', respond('not json', 201));
    await validator.check('POST', '/bookings', respond({ queued: true }, 202));
    expect(validator.mismatches).toEqual([
      'GET /trips/{tripId}/seats 404: content-type application/problem+json not documented (documented: application/json)',
      'GET /trips/{tripId}/seats 200 body: /seats/0/price/amount must be integer',
      'GET /trips/{tripId}/seats 200 body: / must match exactly one schema in oneOf',
      'GET /trips/{tripId}/seats 200 body: /seats/0/status must be equal to one of the allowed values ("available", "locked")',
      'GET /trips/{tripId}/seats 200 body: /seats/1/status must be equal to one of the allowed values ("available", "locked")',
      'GET /trips/{tripId}/seats 200 body: /seats/2/status must be equal to one of the allowed values ("available", "locked")',
      'GET /trips/{tripId}/seats 200 body: / must match exactly one schema in oneOf',
      'GET /trips/{tripId}/seats 500: status not documented (documented: 200, 304, 404)',
      'DELETE /bookings 200: method DELETE not documented for this path',
      'GET /nowhere 200: path /nowhere not documented',
      'POST /bookings 201 body: /bookingId must be string',
      'POST /bookings 201: body is not JSON (8 bytes)',
      'POST /bookings 202: body (application/json, 15 bytes) not documented (documented: no content)',
    ]);
    expect(validator.checked).toHaveLength(9);
  });

  it('reports properties no schema mentions, through $ref, allOf, oneOf and arrays', async () => {
    const validator = new ResponseValidator(document);
    await validator.check(
      'GET',
      '/trips/{tripId}/seats',
      respond({ kind: 'snapshot', version: 3, seats: [{ ...seat, heldByYou: false }] }),
    );
    await validator.check(
      'POST',
      '/bookings',
      respond({ ...booking, total: { ...booking.total, vat: 1 }, details: { free: 1 } }, 201),
    );
    await validator.check(
      'POST',
      '/bookings',
      respond(
        { status: 409, code: 'seat.unavailable', conflicts: [] },
        409,
        'application/problem+json',
      ),
    );
    expect(validator.mismatches).toEqual([
      'GET /trips/{tripId}/seats 200 body: /kind not documented',
      'GET /trips/{tripId}/seats 200 body: /seats/0/heldByYou not documented',
      'POST /bookings 201 body: /total/vat not documented',
      'POST /bookings 409 body: /conflicts not documented',
    ]);
  });

  it('checks what openapi-fetch middleware sees without consuming the body', async () => {
    const validator = new ResponseValidator(document);
    const response = respond({ version: 1, seats: [] });
    await validator.middleware().onResponse({
      request: new Request('http://api.test/trips/1/seats'),
      response,
      schemaPath: '/trips/{tripId}/seats',
    });
    expect(await response.json()).toEqual({ version: 1, seats: [] });
    expect(validator.checked.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /trips/{tripId}/seats 200',
    ]);
    expect(validator.operationsNotExercised()).toEqual([
      'GET /bookings',
      'POST /bookings',
      'GET /bookings/{bookingId}/e-ticket',
    ]);
  });
});

describe('toJsonSchema', () => {
  it('turns OpenAPI 3.0 nullable and boolean exclusive bounds into JSON Schema', () => {
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(
      toJsonSchema({ $ref: '#/components/schemas/X', nullable: true, description: 'd' }),
    ).toEqual({
      anyOf: [{ $ref: 'openapi.json#/components/schemas/X' }, { type: 'null' }],
    });
    expect(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true })).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
    });
    expect(
      toJsonSchema({
        type: 'object',
        properties: { type: { type: 'string', example: 'x' }, nullable: { type: 'boolean' } },
      }),
    ).toEqual({
      type: 'object',
      properties: { type: { type: 'string' }, nullable: { type: 'boolean' } },
    });
  });
});

describe('opaqueSchemas', () => {
  it('lists objects without properties and media types without a schema', () => {
    expect(
      opaqueSchemas({
        ...document,
        paths: {
          ...document.paths,
          '/tickets/public-key': {
            get: { responses: { 200: { content: { 'application/json': {} } } } },
          },
        },
      }),
    ).toEqual([
      'Booking.actor: an object without properties (typed Record<string, never>)',
      'GET /tickets/public-key 200 application/json: no schema (typed unknown)',
    ]);
  });
});
