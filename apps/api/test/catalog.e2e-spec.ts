import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { standardBus, tripFor } from '../../../test/utils/fixtures';

describe('Catalog over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let user: string;
  const call = (method: string, path: string, options: Parameters<typeof http>[3] = {}) =>
    http(server.baseUrl, method, path, options);

  beforeAll(async () => {
    server = await startTestServer();
    admin = await tokenFor(server.config, ['admin']);
    user = await tokenFor(server.config, ['user']);
  });
  afterAll(() => server?.close()); // undefined when beforeAll failed

  it('lets an admin register a bus and schedule a trip, then anyone read its seat map', async () => {
    const bus = await call('POST', '/admin/buses', { token: admin, body: standardBus(12) });
    expect(bus.status).toBe(201);
    expect(bus.body).toMatchObject({ id: expect.any(String), name: 'Test coach' });
    expect(bus.body.seats).toHaveLength(12);

    const tripInput = tripFor(bus.body.id, { maxSeatsPerBooking: 4 });
    const trip = await call('POST', '/admin/trips', { token: admin, body: tripInput });
    expect(trip.status).toBe(201);
    expect(trip.body).toMatchObject({
      origin: tripInput.origin,
      destination: 'Đà Lạt',
      status: 'scheduled',
      durationMinutes: 360,
      maxSeatsPerBooking: 4,
      bus: { id: bus.body.id, seatCount: 12 },
    });

    const read = await call('GET', `/trips/${trip.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(trip.body);

    const seatMap = await call('GET', `/trips/${trip.body.id}/seats`);
    expect(seatMap.status).toBe(200);
    expect(seatMap.headers.get('etag')).toBe('"0"');
    expect(seatMap.body.tripId).toBe(trip.body.id);
    expect(seatMap.body.version).toBe(0);
    expect(seatMap.body.seats).toHaveLength(12);
    expect(seatMap.body.seats[0]).toEqual({
      seatNumber: 'S1',
      deck: 1,
      row: 1,
      col: 1,
      type: 'limousine',
      accessible: true,
      price: { amount: 420000, currency: 'VND' },
      status: 'available',
      heldByYou: false,
    });
    expect(seatMap.body.seats[4]).toMatchObject({
      seatNumber: 'S5',
      type: 'standard',
      price: { amount: 300000 },
    });
    expect(seatMap.body.seats.every((s: { status: string }) => s.status === 'available')).toBe(
      true,
    );

    const unchanged = await fetch(`${server.baseUrl}/trips/${trip.body.id}/seats`, {
      headers: { 'if-none-match': '"0"' },
    });
    expect(unchanged.status).toBe(304);
  });

  it('lists upcoming trips filtered by origin, destination and local date', async () => {
    const bus = await call('POST', '/admin/buses', { token: admin, body: standardBus(4) });
    const origin = `Cần Thơ ${randomUUID().slice(0, 6)}`;
    // 2026-12-01T18:30Z is already 2 December in Vietnam (UTC+7).
    const late = tripFor(bus.body.id, {
      origin,
      departureAt: '2099-12-01T18:30:00Z',
      arrivalAt: '2099-12-02T02:00:00Z',
    });
    const early = tripFor(bus.body.id, {
      origin,
      departureAt: '2099-12-01T01:00:00Z',
      arrivalAt: '2099-12-01T05:00:00Z',
    });
    const lateTrip = await call('POST', '/admin/trips', { token: admin, body: late });
    const earlyTrip = await call('POST', '/admin/trips', { token: admin, body: early });

    const all = await call(
      'GET',
      `/trips?origin=${encodeURIComponent(origin.toUpperCase())}&destination=%C4%90%C3%A0%20L%E1%BA%A1t`,
    );
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((t: { id: string }) => t.id)).toEqual([
      earlyTrip.body.id,
      lateTrip.body.id,
    ]);

    const second = await call('GET', `/trips?origin=${encodeURIComponent(origin)}&date=2099-12-02`);
    expect(second.body.items.map((t: { id: string }) => t.id)).toEqual([lateTrip.body.id]);

    const paged = await call('GET', `/trips?origin=${encodeURIComponent(origin)}&limit=1&offset=1`);
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(paged.body.items).toHaveLength(1);
  });

  it('answers 401 without a token and 403 to a non-admin, changing nothing', async () => {
    const body = standardBus(4);
    const anonymous = await call('POST', '/admin/buses', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(anonymous.body.code).toBe('auth.missing_token');

    const asUser = await call('POST', '/admin/buses', { token: user, body });
    expect(asUser.status).toBe(403);
    expect(asUser.body.code).toBe('auth.forbidden');

    const guest = await call('POST', '/guest/sessions', { body: {} });
    expect(guest.status).toBe(201);
    const asGuest = await call('POST', '/admin/trips', {
      token: guest.body.token,
      body: tripFor(randomUUID()),
    });
    expect(asGuest.status).toBe(403);

    const forged = await call('POST', '/admin/buses', { token: `${admin.slice(0, -4)}AAAA`, body });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('auth.invalid_token');

    const retry = await call('POST', '/admin/buses', { token: admin, body });
    expect(retry.status).toBe(201); // the plate number was never taken by the refused calls
  });

  it('rejects bad layouts with 422 problems naming the seat', async () => {
    const duplicate = standardBus(4);
    duplicate.seats[3].seatNumber = 's1';
    const dup = await call('POST', '/admin/buses', { token: admin, body: duplicate });
    expect(dup.status).toBe(422);
    expect(dup.body).toMatchObject({
      code: 'layout.duplicate_seat_number',
      errors: [{ field: 'seats[3].seatNumber', rule: 'unique' }],
    });

    const overlapping = standardBus(4);
    overlapping.seats[2] = { ...overlapping.seats[2], row: 1, col: 1 };
    const overlap = await call('POST', '/admin/buses', { token: admin, body: overlapping });
    expect(overlap.status).toBe(422);
    expect(overlap.body.code).toBe('layout.overlapping_position');
    expect(overlap.body.detail).toContain('seats[2] (S3) overlaps seats[0]');
  });

  it('rejects trips with missing fares, unknown buses and impossible schedules', async () => {
    const bus = await call('POST', '/admin/buses', { token: admin, body: standardBus(8) });
    const noLimousineFare = await call('POST', '/admin/trips', {
      token: admin,
      body: tripFor(bus.body.id, { fares: { standard: { amount: 1000, currency: 'VND' } } }),
    });
    expect(noLimousineFare.status).toBe(422);
    expect(noLimousineFare.body).toMatchObject({
      code: 'trip.fare_missing',
      errors: [{ field: 'fares.limousine', rule: 'required' }],
    });

    const unknownBus = await call('POST', '/admin/trips', {
      token: admin,
      body: tripFor(randomUUID()),
    });
    expect(unknownBus.status).toBe(422);
    expect(unknownBus.body.code).toBe('trip.unknown_bus');

    const backwards = await call('POST', '/admin/trips', {
      token: admin,
      body: tripFor(bus.body.id, {
        departureAt: '2099-01-01T10:00:00Z',
        arrivalAt: '2099-01-01T09:00:00Z',
      }),
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.code).toBe('trip.invalid_schedule');

    const past = await call('POST', '/admin/trips', {
      token: admin,
      body: tripFor(bus.body.id, {
        departureAt: '2020-01-01T10:00:00Z',
        arrivalAt: '2020-01-01T12:00:00Z',
      }),
    });
    expect(past.body.code).toBe('trip.departure_in_past');

    const dollars = await call('POST', '/admin/trips', {
      token: admin,
      body: tripFor(bus.body.id, {
        fares: {
          standard: { amount: 10, currency: 'USD' },
          limousine: { amount: 10, currency: 'VND' },
        },
      }),
    });
    expect(dollars.body).toMatchObject({
      code: 'trip.fare_currency',
      errors: [{ field: 'fares.standard.currency' }],
    });
  });

  it('refuses a second bus with the same plate number', async () => {
    const body = standardBus(2);
    expect((await call('POST', '/admin/buses', { token: admin, body })).status).toBe(201);
    const again = await call('POST', '/admin/buses', {
      token: admin,
      body: { ...body, plateNumber: body.plateNumber.toLowerCase() },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('bus.plate_number_taken');
  });

  it('answers malformed input with 400 problems, never 500', async () => {
    const cases: [string, string, Parameters<typeof http>[3]][] = [
      [
        'POST',
        '/admin/buses',
        { token: admin, rawBody: '{"name":', headers: { 'content-type': 'application/json' } },
      ],
      [
        'POST',
        '/admin/buses',
        { token: admin, body: { name: 'x', plateNumber: 'ABCD1', seats: [] } },
      ],
      [
        'POST',
        '/admin/buses',
        { token: admin, body: { name: 'x', plateNumber: 'ABCD1', seats: 'A1' } },
      ],
      ['POST', '/admin/buses', { token: admin, body: [1, 2, 3] }],
      ['POST', '/admin/buses', { token: admin, body: { ...standardBus(1), extra: true } }],
      ['POST', '/admin/trips', { token: admin, body: { ...tripFor('not-a-uuid') } }],
      [
        'POST',
        '/admin/trips',
        { token: admin, body: { ...tripFor(randomUUID()), departureAt: 'tomorrow' } },
      ],
      [
        'POST',
        '/admin/trips',
        {
          token: admin,
          body: { ...tripFor(randomUUID()), fares: { standard: { amount: -1, currency: 'VND' } } },
        },
      ],
      [
        'POST',
        '/admin/trips',
        {
          token: admin,
          body: { ...tripFor(randomUUID()), fares: { standard: { amount: 1.5, currency: 'vnd' } } },
        },
      ],
      ['GET', '/trips/not-a-uuid', {}],
      ['GET', '/trips/not-a-uuid/seats', {}],
      ['GET', '/trips?limit=0', {}],
      ['GET', '/trips?date=2026-02-30x', {}],
      ['GET', '/trips?unknown=1', {}],
      ['POST', '/guest/sessions', { body: { email: 'not-an-email' } }],
    ];
    for (const [method, path, options] of cases) {
      const response = await call(method, path, options);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toMatch(/^request\./);
    }
  });

  it('answers unknown trips and routes with 404 problems', async () => {
    const trip = await call('GET', `/trips/${randomUUID()}/seats`);
    expect(trip.status).toBe(404);
    expect(trip.body.code).toBe('trip.not_found');

    const route = await call('GET', '/no/such/route');
    expect(route.status).toBe(404);
    expect(route.body).toMatchObject({
      code: 'route.not_found',
      status: 404,
      instance: '/no/such/route',
    });
  });

  it('issues guest sessions whose token identifies the guest', async () => {
    const session = await call('POST', '/guest/sessions', {
      body: { email: 'guest@example.com', phone: '+84901234567' },
    });
    expect(session.status).toBe(201);
    expect(session.body).toEqual({
      guestSessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      token: expect.any(String),
      expiresAt: expect.any(String),
    });
    const trips = await call('GET', '/trips?limit=1', { token: session.body.token });
    expect(trips.status).toBe(200);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    expect((await call('GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.postgres).toBe('ok');
    expect(ready.body.checks.redis).toBe(process.env.REDIS_URL ? 'ok' : 'absent');

    const metrics = await fetch(`${server.baseUrl}/metrics`);
    const text = await metrics.text();
    expect(text).toContain('http_requests_total');
    expect(text).toContain('process_cpu_user_seconds_total');

    const docs = await call('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/admin/buses',
        '/admin/trips',
        '/trips',
        '/trips/{tripId}',
        '/trips/{tripId}/seats',
      ]),
    );
    const page = await fetch(`${server.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('echoes a caller’s request id, or makes one', async () => {
    const given = await fetch(`${server.baseUrl}/health/live`, {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${server.baseUrl}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
