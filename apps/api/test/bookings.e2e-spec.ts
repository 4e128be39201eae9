import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import {
  bookingRequest,
  confirmBooking,
  lockAndBook,
  passengerFor,
} from '../../../test/utils/bookings';
import { createTrip, guestToken } from '../../../test/utils/catalog';

const HOUR = 3600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Bookings', () => {
  let server: TestServer;
  let pool: Pool;
  let admin: string;

  beforeAll(async () => {
    // Many bookings per user here; the rate limit has its own test.
    server = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '1000' }, { withWorker: true });
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    admin = await tokenFor(server.config, ['admin']);
  });
  afterAll(async () => {
    await pool?.end(); // undefined when beforeAll failed
    await server?.close();
  });

  const seatStatuses = async (tripId: string) =>
    Object.fromEntries(
      (await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`)).body.seats.map((s: any) => [
        s.seatNumber,
        s.status,
      ]),
    );

  it('lock → book → confirm → by id and by reference → history page → cancel with refund', async () => {
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId);
    const tripId = await createTrip(server.baseUrl, admin, 12, {
      departureAt: new Date(Date.now() + 30 * HOUR).toISOString(),
      arrivalAt: new Date(Date.now() + 36 * HOUR).toISOString(),
    });
    const created = await lockAndBook(server.baseUrl, user, tripId, ['S1', 'S5'], {
      passengers: [
        passengerFor('S1', { passengerType: 'adult', needsAccessibleSeat: true }),
        passengerFor('S5', { passengerType: 'child', idType: 'passport', idNumber: 'c1234567' }),
      ],
      expectedTotal: 709_500,
    });
    expect(created.status).toBe(201);
    const booking = created.body;
    expect(booking).toMatchObject({
      status: 'pending',
      paymentStatus: 'pending',
      seatNumbers: ['S1', 'S5'],
      masked: false,
      contact: { email: 'contact.person@example.com', phone: '+84912000111' },
    });
    expect(booking.bookingReference).toMatch(/^BUS\d{8}[2-9A-HJKMNP-Z]{11}$/);
    // S1 limousine 420,000 + 10 % VAT; S5 standard 300,000 − 25 % child = 225,000 + 22,500 VAT.
    expect(booking.priceBreakdown.total).toEqual({ amount: 709_500, currency: 'VND' });
    expect(booking.passengers[1].idNumber).toBe('C1234567');
    expect(await seatStatuses(tripId)).toMatchObject({
      S1: 'booked',
      S5: 'booked',
      S2: 'available',
    });

    const confirmed = await confirmBooking(server.baseUrl, user, booking.bookingId, 'PAY-0001');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', paymentStatus: 'completed' });
    const again = await confirmBooking(server.baseUrl, user, booking.bookingId, 'PAY-0001');
    expect(again.status).toBe(200); // idempotent for the same payment

    const byId = await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}`, {
      token: user,
    });
    expect(byId.body.status).toBe('confirmed');
    const typed =
      `${booking.bookingReference.slice(0, 3)}-${booking.bookingReference.slice(3, 11)} ${booking.bookingReference.slice(11)}`.toLowerCase();
    const byReference = await http(
      server.baseUrl,
      'GET',
      `/bookings/reference/${encodeURIComponent(typed)}`,
      { token: user },
    );
    expect(byReference.status).toBe(200);
    expect(byReference.body.bookingId).toBe(booking.bookingId);

    const page = await http(server.baseUrl, 'GET', `/users/${userId}/bookings?status=upcoming`, {
      token: user,
    });
    expect(page.body).toMatchObject({ total: 1, limit: 20, offset: 0 });
    expect(page.body.items[0].bookingId).toBe(booking.bookingId);
    const stats = await http(server.baseUrl, 'GET', `/users/${userId}/bookings/stats`, {
      token: user,
    });
    expect(stats.body).toMatchObject({
      totalBookings: 1,
      totalSeats: 2,
      amountSpent: { amount: 709_500 },
      byStatus: { confirmed: 1 },
    });

    // 30 h before departure: the ≥ 24 h tier, 90 %.
    const cancelled = await http(
      server.baseUrl,
      'DELETE',
      `/bookings/${booking.bookingId}?reason=${encodeURIComponent('plans changed')}`,
      { token: user },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      reason: 'plans changed',
      refund: { amount: { amount: 638_550, currency: 'VND' }, percent: 90 },
      paymentStatus: 'refunded',
    });
    expect(await seatStatuses(tripId)).toMatchObject({ S1: 'available', S5: 'available' });
    const twice = await http(server.baseUrl, 'DELETE', `/bookings/${booking.bookingId}`, {
      token: user,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      code: 'booking.not_cancellable',
      currentStatus: 'cancelled',
    });

    const history = await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}/history`, {
      token: user,
    });
    const transitions = history.body.entries.filter((e: any) => !e.type.startsWith('Ticket'));
    expect(transitions.map((e: any) => [e.type, e.actor.kind, e.reason])).toEqual([
      ['BookingCreated', 'user', undefined],
      ['BookingConfirmed', 'user', undefined],
      ['BookingCancelled', 'user', 'plans changed'],
    ]);
  });

  it('refunds by the tier of the time left: 50 % from 2 h, 0 % later, none after departure', async () => {
    const user = await tokenFor(server.config, ['user']);
    const book = async (hoursAhead: number) => {
      const departure = Date.now() + hoursAhead * HOUR;
      const tripId = await createTrip(server.baseUrl, admin, 4, {
        departureAt: new Date(departure).toISOString(),
        arrivalAt: new Date(departure + HOUR).toISOString(),
      });
      const created = await lockAndBook(server.baseUrl, user, tripId, ['S2']);
      expect(created.status).toBe(201);
      const confirmed = await confirmBooking(server.baseUrl, user, created.body.bookingId);
      expect(confirmed.status).toBe(200);
      return { bookingId: created.body.bookingId as string, departure };
    };
    const cancel = ({ bookingId }: { bookingId: string }) =>
      http(server.baseUrl, 'DELETE', `/bookings/${bookingId}`, { token: user });

    expect((await cancel(await book(3))).body.refund).toEqual({
      amount: { amount: 231_000, currency: 'VND' },
      percent: 50,
    });
    const late = (await cancel(await book(1))).body;
    expect(late).toMatchObject({
      refund: { amount: { amount: 0 }, percent: 0 },
      paymentStatus: 'completed',
    });

    const departing = await book(5 / 3600); // departs in 5 s: time to book and pay first
    await sleep(departing.departure + 100 - Date.now());
    const after = await cancel(departing);
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('booking.departed');
  });

  it('lets only the owner (in clear) and admins (masked) see a booking; others get 404', async () => {
    const owner = await guestToken(server.baseUrl);
    const tripId = await createTrip(server.baseUrl, admin);
    const created = await lockAndBook(server.baseUrl, owner, tripId, ['S3']);
    expect(created.status).toBe(201);
    expect(created.body.guest).toBe(true);
    const { bookingId, bookingReference } = created.body;

    const asAdmin = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: admin });
    expect(asAdmin.body.masked).toBe(true);
    expect(asAdmin.body.passengers[0].idNumber).toMatch(/^•+\d{4}$/);
    expect(asAdmin.body.contact.email).toBe('c•••@example.com');

    const stranger = await tokenFor(server.config, ['user']);
    for (const path of [
      `/bookings/${bookingId}`,
      `/bookings/${bookingId}/history`,
      `/bookings/reference/${bookingReference}`,
    ]) {
      const answer = await http(server.baseUrl, 'GET', path, { token: stranger });
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('booking.not_found');
    }
    const cancel = await http(server.baseUrl, 'DELETE', `/bookings/${bookingId}`, {
      token: stranger,
    });
    expect(cancel.status).toBe(404);
    const unknown = await http(server.baseUrl, 'GET', `/bookings/${randomUUID()}`, {
      token: stranger,
    });
    expect(unknown.body.detail).not.toContain(bookingId);
    const otherHistory = await http(server.baseUrl, 'GET', `/users/${randomUUID()}/bookings`, {
      token: stranger,
    });
    expect(otherHistory.status).toBe(403);
  });

  it('modifies seats and passengers while pending: new seats taken, old ones freed, price recomputed', async () => {
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin);
    const created = await lockAndBook(server.baseUrl, user, tripId, ['S5', 'S6']);
    const { bookingId } = created.body;
    expect(created.body.priceBreakdown.total.amount).toBe(660_000);

    const modified = await http(server.baseUrl, 'PATCH', `/bookings/${bookingId}`, {
      token: user,
      body: { seatNumbers: ['S5', 'S2'] },
    });
    expect(modified.status).toBe(200);
    expect(modified.body.seatNumbers).toEqual(['S5', 'S2']);
    expect(modified.body.priceBreakdown.total.amount).toBe(792_000); // S2 is a limousine seat
    expect(await seatStatuses(tripId)).toMatchObject({
      S2: 'booked',
      S5: 'booked',
      S6: 'available',
    });

    const otherUser = await tokenFor(server.config, ['user']);
    await http(server.baseUrl, 'POST', '/seats/lock', {
      token: otherUser,
      body: { tripId, seatNumbers: ['S7'] },
    });
    const taken = await http(server.baseUrl, 'PATCH', `/bookings/${bookingId}`, {
      token: user,
      body: { seatNumbers: ['S5', 'S7'] },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.conflicts).toEqual([{ seatNumber: 'S7', status: 'locked' }]);

    await confirmBooking(server.baseUrl, user, bookingId, 'PAY-M');
    const late = await http(server.baseUrl, 'PATCH', `/bookings/${bookingId}`, {
      token: user,
      body: { passengers: [passengerFor('S5'), passengerFor('S2')] },
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'booking.not_modifiable', currentStatus: 'confirmed' });
  });

  it('honours Idempotency-Key: the same key and body replay the booking, another body → 422', async () => {
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin);
    await http(server.baseUrl, 'POST', '/seats/lock', {
      token: user,
      body: { tripId, seatNumbers: ['S7'] },
    });
    const body = bookingRequest(tripId, ['S7']);
    const headers = { 'idempotency-key': randomUUID() };
    const first = await http(server.baseUrl, 'POST', '/bookings', { token: user, body, headers });
    const replay = await http(server.baseUrl, 'POST', '/bookings', { token: user, body, headers });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.bookingId).toBe(first.body.bookingId);
    const other = await http(server.baseUrl, 'POST', '/bookings', {
      token: user,
      body: { ...body, contact: { ...body.contact, phone: '+84912999888' } },
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency.key_reused');
    const { rows } = await pool.query(
      'SELECT count(*)::int AS n FROM seat_bookings WHERE trip_id = $1',
      [tripId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a changed price with the current breakdown', async () => {
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin);
    const answer = await lockAndBook(server.baseUrl, user, tripId, ['S8'], { expectedTotal: 1 });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      code: 'price.changed',
      priceBreakdown: { total: { amount: 330_000 } },
    });
    expect(await seatStatuses(tripId)).toMatchObject({ S8: 'locked' });
  });

  it('of many users racing to lock and book the same seats, exactly one books them', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const users = await Promise.all(
      Array.from({ length: 20 }, () => tokenFor(server.config, ['user'])),
    );
    const answers = await Promise.all(
      users.map((token) => lockAndBook(server.baseUrl, token, tripId, ['S9', 'S10'])),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.every((a) => a.status === 409 && a.body.code === 'seat.unavailable')).toBe(true);
    const { rows } = await pool.query(
      'SELECT count(*)::int AS n FROM seat_bookings WHERE trip_id = $1',
      [tripId],
    );
    expect(rows[0].n).toBe(2);
  });

  it('stores no ID number, phone or e-mail in plain text, anywhere', async () => {
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin);
    const secret = {
      idNumber: '098765432123',
      phone: '+84987654321',
      email: 'very.private.person@example.org',
    };
    await http(server.baseUrl, 'POST', '/seats/lock', {
      token: user,
      body: { tripId, seatNumbers: ['S11'] },
    });
    // With an Idempotency-Key the answer (the booking, in clear for its owner) is stored too.
    const created = await http(server.baseUrl, 'POST', '/bookings', {
      token: user,
      body: bookingRequest(tripId, ['S11'], {
        passengers: [passengerFor('S11', secret)],
        contact: { email: 'Another.Private@Example.org', phone: '0987 111 222' },
      }),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(created.status).toBe(201);
    await confirmBooking(server.baseUrl, user, created.body.bookingId, 'PAY-PII');

    const needles = [
      secret.idNumber,
      secret.phone,
      '987654321',
      secret.email,
      'another.private@example.org',
      '+84987111222',
      '987111222',
    ];
    const { rows: tables } = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['events', 'bookings']));
    // One scan of each table counts every needle (the shared test database keeps growing).
    // Binary columns (archived ticket PDFs, compressed) are left out: as text they are megabytes
    // of hex per row that no needle can be found in.
    const { rows: binary } = await pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'bytea'`,
    );
    const counts = needles.map((_, i) => `count(*) FILTER (WHERE row LIKE $${i + 1})::int`);
    for (const { table_name } of tables) {
      const skipped = binary.filter((c) => c.table_name === table_name).map((c) => c.column_name);
      const row = skipped.reduce((json, column) => `(${json} - '${column}')`, 'to_jsonb(t)');
      const { rows } = await pool.query<Record<string, number>>(
        `SELECT ${counts.map((count, i) => `${count} AS n${i}`).join(', ')}
           FROM (SELECT lower(${row}::text) AS row FROM "${table_name}" t) rows`,
        needles.map((needle) => `%${needle.toLowerCase()}%`),
      );
      needles.forEach((needle, i) =>
        expect({ table_name, needle, found: rows[0][`n${i}`] }).toEqual({
          table_name,
          needle,
          found: 0,
        }),
      );
    }
  });

  it('answers bad input of every field kind with a 4xx problem and writes nothing', async () => {
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId);
    const tripId = await createTrip(server.baseUrl, admin);
    await http(server.baseUrl, 'POST', '/seats/lock', {
      token: user,
      body: { tripId, seatNumbers: ['S1', 'S2'] },
    });
    const valid = bookingRequest(tripId, ['S1', 'S2']);
    const cases: [string, unknown, number, string][] = [
      ['no body', undefined, 400, 'request.invalid'],
      ['a string tripId that is no UUID', { ...valid, tripId: 'trip' }, 400, 'request.invalid'],
      ['seatNumbers not an array', { ...valid, seatNumbers: 'S1' }, 400, 'request.invalid'],
      [
        '1,000 seats',
        { ...valid, seatNumbers: Array.from({ length: 1000 }, (_, i) => `S${i}`) },
        400,
        'request.invalid',
      ],
      ['an unknown field', { ...valid, userId }, 400, 'request.invalid'],
      [
        'a passenger without name',
        {
          ...valid,
          passengers: [{ ...valid.passengers[0], fullName: undefined }, valid.passengers[1]],
        },
        400,
        'request.invalid',
      ],
      [
        'a wrong idType',
        {
          ...valid,
          passengers: [{ ...valid.passengers[0], idType: 'licence' }, valid.passengers[1]],
        },
        400,
        'request.invalid',
      ],
      [
        'a wrong passengerType',
        {
          ...valid,
          passengers: [{ ...valid.passengers[0], passengerType: 'pet' }, valid.passengers[1]],
        },
        400,
        'request.invalid',
      ],
      [
        'a number as phone',
        { ...valid, contact: { ...valid.contact, phone: 912345678 } },
        400,
        'request.invalid',
      ],
      ['a negative expectedTotal', { ...valid, expectedTotal: -1 }, 400, 'request.invalid'],
      ['no seats', { ...valid, seatNumbers: [], passengers: [] }, 422, 'booking.no_seats'],
      [
        'too many seats',
        bookingRequest(tripId, ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']),
        422,
        'seat.limit_exceeded',
      ],
      ['a repeated seat', bookingRequest(tripId, ['S1', 'S1']), 422, 'seat.duplicate'],
      ['an unknown seat', bookingRequest(tripId, ['Z9']), 422, 'seat.unknown'],
      ['a seat not held', bookingRequest(tripId, ['S3']), 422, 'seat.not_held'],
      [
        'a passenger missing',
        { ...valid, passengers: [valid.passengers[0]] },
        422,
        'passenger.seat_mismatch',
      ],
      [
        'a 9-digit citizen ID',
        {
          ...valid,
          passengers: [{ ...valid.passengers[0], idNumber: '123456789' }, valid.passengers[1]],
        },
        422,
        'passenger.invalid_id_number',
      ],
      [
        'a bad phone',
        { ...valid, passengers: [{ ...valid.passengers[0], phone: '12345' }, valid.passengers[1]] },
        422,
        'passenger.invalid_phone',
      ],
      [
        'a bad contact e-mail',
        { ...valid, contact: { ...valid.contact, email: 'nobody' } },
        422,
        'contact.invalid_email',
      ],
      [
        'an inaccessible seat for who needs one',
        {
          ...valid,
          passengers: [valid.passengers[0], { ...valid.passengers[1], needsAccessibleSeat: true }],
        },
        422,
        'passenger.accessible_seat_required',
      ],
      [
        'a NUL character in a name',
        {
          ...valid,
          passengers: [{ ...valid.passengers[0], fullName: 'Ánh\u0000' }, valid.passengers[1]],
        },
        400,
        'request.invalid_text',
      ],
      ['an unknown trip', bookingRequest(randomUUID(), ['S1']), 404, 'trip.not_found'],
    ];
    const before = await pool.query('SELECT count(*)::int AS n FROM events');
    for (const [what, body, status, code] of cases) {
      const answer = await http(server.baseUrl, 'POST', '/bookings', { token: user, body });
      expect({ what, status: answer.status, code: answer.body?.code }).toEqual({
        what,
        status,
        code,
      });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const malformed = await http(server.baseUrl, 'POST', '/bookings', {
      token: user,
      rawBody: '{"tripId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    for (const [method, path, body] of [
      ['GET', '/bookings/not-a-uuid', undefined],
      [
        'POST',
        `/bookings/${randomUUID()}/confirm`,
        { paymentReference: '', paymentMethod: 'card' },
      ],
      [
        'POST',
        `/bookings/${randomUUID()}/confirm`,
        { paymentReference: 'P-1', paymentMethod: 'Card!' },
      ],
      ['DELETE', `/bookings/${randomUUID()}?reason=${'x'.repeat(201)}`, undefined],
      ['GET', `/users/${userId}/bookings?limit=0`, undefined],
      ['GET', `/users/${userId}/bookings?status=lost`, undefined],
      ['GET', `/users/${userId}/bookings?from=yesterday`, undefined],
      ['GET', `/users/${userId}/bookings?sort=price`, undefined],
      ['GET', `/users/${userId}/bookings?from=2026-W05-1`, undefined],
      ['GET', `/users/${userId}/bookings?to=20260101T000000Z`, undefined],
      ['GET', `/users/${userId}/bookings?q=%00`, undefined],
      ['GET', '/bookings/reference/BUS%00', undefined],
    ] as const) {
      const answer = await http(server.baseUrl, method, path, { token: user, body });
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
    }
    const after = await pool.query('SELECT count(*)::int AS n FROM events');
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM bookings WHERE owner_id = $1`,
      [userId],
    );
    expect(rows[0].n).toBe(0);
    // Other tests append meanwhile; none of this user's requests did.
    const { rows: mine } = await pool.query(
      `SELECT count(*)::int AS n FROM events WHERE global_position > $1 AND metadata->'actor'->>'id' = $2 AND type LIKE 'Booking%'`,
      [0, userId],
    );
    expect(mine[0].n).toBe(0);
    expect(after.rows[0].n).toBeGreaterThanOrEqual(before.rows[0].n);
    expect(await seatStatuses(tripId)).toMatchObject({
      S1: 'locked',
      S2: 'locked',
      S3: 'available',
    });
  });

  it('limits booking creation per caller: 429 with Retry-After', async () => {
    const limited = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const user = await tokenFor(limited.config, ['user']);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await http(limited.baseUrl, 'POST', '/bookings', {
          token: user,
          body: bookingRequest(randomUUID(), ['S1']),
        });
        statuses.push(answer.status);
        if (answer.status === 429) {
          expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(answer.body.code).toBe('rate_limited');
        }
      }
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
