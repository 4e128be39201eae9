import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip, guestToken } from '../../../test/utils/catalog';

describe('Seat holds over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let pool: Pool;
  const call = (method: string, path: string, options: Parameters<typeof http>[3] = {}) =>
    http(server.baseUrl, method, path, options);

  beforeAll(async () => {
    server = await startTestServer({ MAX_SEATS_PER_BOOKING: '5' });
    admin = await tokenFor(server.config, ['admin']);
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await pool?.end(); // undefined when beforeAll failed
    await server?.close();
  });

  it('holds seats, shows them in the seat map, extends and releases them (twice)', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const bob = await guestToken(server.baseUrl);

    const lock = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['s1', 'S2'] },
    });
    expect(lock.status).toBe(201);
    expect(lock.body).toEqual({
      lockId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tripId,
      seatNumbers: ['S1', 'S2'],
      expiresAt: expect.any(String),
      expiresInSeconds: 900,
    });

    const mine = await call('GET', `/trips/${tripId}/seats`, { token: alice });
    expect(mine.body.version).toBe(1);
    expect(mine.headers.get('etag')).toBe('"1"');
    expect(
      mine.body.seats.slice(0, 3).map((s: any) => [s.seatNumber, s.status, s.heldByYou]),
    ).toEqual([
      ['S1', 'locked', true],
      ['S2', 'locked', true],
      ['S3', 'available', false],
    ]);
    const theirs = await call('GET', `/trips/${tripId}/seats`, { token: bob });
    expect(theirs.body.seats[0]).toMatchObject({ status: 'locked', heldByYou: false });

    const status = await call('GET', `/seats/lock/${tripId}/status?seatNumbers=S2,S3`, {
      token: alice,
    });
    expect(status.body).toEqual({
      tripId,
      seats: [
        { seatNumber: 'S2', status: 'locked', heldByYou: true, expiresAt: lock.body.expiresAt },
        { seatNumber: 'S3', status: 'available', heldByYou: false },
      ],
    });
    const all = await call('GET', `/seats/lock/${tripId}/status`);
    expect(all.body.seats).toHaveLength(12);

    const extended = await call('PATCH', `/seats/lock/${lock.body.lockId}/extend`, {
      token: alice,
    });
    expect(extended.status).toBe(200);
    expect(extended.body.lockId).toBe(lock.body.lockId);
    expect(new Date(extended.body.expiresAt).getTime()).toBeGreaterThanOrEqual(
      new Date(lock.body.expiresAt).getTime(),
    );

    const notYours = await call('DELETE', `/seats/lock/${lock.body.lockId}`, { token: bob });
    expect(notYours.status).toBe(404);
    expect(notYours.body.code).toBe('lock.not_found');
    expect(
      (await call('PATCH', `/seats/lock/${lock.body.lockId}/extend`, { token: bob })).status,
    ).toBe(404);

    for (let i = 0; i < 2; i++) {
      const released = await call('DELETE', `/seats/lock/${lock.body.lockId}`, { token: alice });
      expect(released.status).toBe(200);
      expect(released.body).toEqual({
        lockId: lock.body.lockId,
        released: true,
        seatNumbers: ['S1', 'S2'],
      });
    }
    const after = await call('GET', `/trips/${tripId}/seats`);
    expect(after.body.version).toBe(3);
    expect(after.body.seats.every((s: any) => s.status === 'available')).toBe(true);
    expect(
      (await call('PATCH', `/seats/lock/${lock.body.lockId}/extend`, { token: alice })).status,
    ).toBe(404);

    const { rows } = await pool.query(
      'SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_position',
      [`seat-allocation-${tripId}`],
    );
    expect(rows.map((r) => r.type)).toEqual([
      'SeatsLocked',
      'SeatLockExtended',
      'SeatLockReleased',
    ]);
  });

  it('is all or nothing: a taken seat fails the whole request with every conflict named', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const bob = await tokenFor(server.config, ['user']);
    await call('POST', '/seats/lock', { token: bob, body: { tripId, seatNumbers: ['S2', 'S4'] } });

    const clash = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S1', 'S2', 'S3', 'S4'] },
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      code: 'seat.unavailable',
      conflicts: [
        { seatNumber: 'S2', status: 'locked' },
        { seatNumber: 'S4', status: 'locked' },
      ],
    });
    const seats = (await call('GET', `/trips/${tripId}/seats`)).body.seats;
    expect(seats.filter((s: any) => s.status === 'locked').map((s: any) => s.seatNumber)).toEqual([
      'S2',
      'S4',
    ]);
  });

  it('enforces the per-booking maximum across the holder’s holds, and lets them re-hold their own seats', async () => {
    const tripId = await createTrip(server.baseUrl, admin, 12, { maxSeatsPerBooking: 3 });
    const alice = await tokenFor(server.config, ['user']);
    const first = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S1', 'S2'] },
    });
    expect(first.status).toBe(201);
    const over = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S3', 'S4'] },
    });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      code: 'seat.limit_exceeded',
      limit: 3,
      held: 2,
      requested: 2,
    });

    const again = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S2', 'S3'] },
    });
    expect(again.status).toBe(201);
    const status = (
      await call('GET', `/seats/lock/${tripId}/status?seatNumbers=S1,S2,S3`, { token: alice })
    ).body;
    expect(status.seats.map((s: any) => s.heldByYou)).toEqual([true, true, true]);
    // S2 moved to the new hold: releasing the first hold frees only S1.
    await call('DELETE', `/seats/lock/${first.body.lockId}`, { token: alice });
    const left = (
      await call('GET', `/seats/lock/${tripId}/status?seatNumbers=S1,S2,S3`, { token: alice })
    ).body;
    expect(left.seats.map((s: any) => s.status)).toEqual(['available', 'locked', 'locked']);
  });

  it('answers rule violations with their own 422 codes and changes nothing', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const unknown = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S1', 'Z99'] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('seat.unknown');
    expect(unknown.body.detail).toContain('Z99');
    const duplicate = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S1', 's1'] },
    });
    expect(duplicate.body.code).toBe('seat.duplicate');
    const missingTrip = await call('POST', '/seats/lock', {
      token: alice,
      body: { tripId: randomUUID(), seatNumbers: ['S1'] },
    });
    expect(missingTrip.status).toBe(404);
    expect(missingTrip.body.code).toBe('trip.not_found');
    expect((await call('GET', `/trips/${tripId}/seats`)).body.version).toBe(0);
  });

  it('answers bad input with 4xx problems and no change', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const bad: [string, string, unknown][] = [
      ['POST', '/seats/lock', { tripId, seatNumbers: [] }],
      ['POST', '/seats/lock', { tripId, seatNumbers: 'S1' }],
      ['POST', '/seats/lock', { tripId, seatNumbers: [1, 2] }],
      [
        'POST',
        '/seats/lock',
        { tripId, seatNumbers: Array.from({ length: 1000 }, (_, i) => `S${i}`) },
      ],
      ['POST', '/seats/lock', { tripId: 'not-a-uuid', seatNumbers: ['S1'] }],
      ['POST', '/seats/lock', { tripId, seatNumbers: ['S1'], extra: true }],
      ['POST', '/seats/lock', { seatNumbers: ['S1'] }],
      ['POST', '/seats/lock', { tripId, seatNumbers: ['<script>'] }],
      ['PATCH', '/seats/lock/not-a-uuid/extend', undefined],
      ['DELETE', '/seats/lock/123', undefined],
      ['GET', `/seats/lock/${tripId}/status?seatNumbers=,,`, undefined],
      ['GET', '/seats/lock/nope/status', undefined],
    ];
    for (const [method, path, body] of bad) {
      const response = await call(method, path, { token: alice, body });
      expect({ path, body, status: response.status }).toEqual({ path, body, status: 400 });
      expect(response.body.code).toBe('request.invalid');
    }
    expect(
      (await call('POST', '/seats/lock', { body: { tripId, seatNumbers: ['S1'] } })).status,
    ).toBe(401);
    expect((await call('DELETE', `/seats/lock/${randomUUID()}`, { token: alice })).status).toBe(
      404,
    );
    expect((await call('GET', `/seats/lock/${tripId}/status?seatNumbers=Q1`)).body.code).toBe(
      'seat.unknown',
    );
    expect((await call('GET', `/trips/${tripId}/seats`)).body.version).toBe(0);
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses the key for another body', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const key = randomUUID();
    const send = (seatNumbers: string[]) =>
      call('POST', '/seats/lock', {
        token: alice,
        body: { tripId, seatNumbers },
        headers: { 'idempotency-key': key },
      });
    const first = await send(['S5']);
    const again = await send(['S5']);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await send(['S6']);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency.key_reused');
    expect((await call('GET', `/trips/${tripId}/seats`)).body.version).toBe(1);

    // Another caller's key space is separate.
    const bob = await tokenFor(server.config, ['user']);
    const bobs = await call('POST', '/seats/lock', {
      token: bob,
      body: { tripId, seatNumbers: ['S5'] },
      headers: { 'idempotency-key': key },
    });
    expect(bobs.status).toBe(409);
    const bobsAgain = await call('POST', '/seats/lock', {
      token: bob,
      body: { tripId, seatNumbers: ['S5'] },
      headers: { 'idempotency-key': key },
    });
    expect(bobsAgain.status).toBe(409);
    expect(bobsAgain.body).toEqual(bobs.body);
  });

  it('refuses holds on a departed trip', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    await pool.query(`UPDATE trips SET departure_at = now() - interval '1 minute' WHERE id = $1`, [
      tripId,
    ]);
    // The running server caches trips; a fresh server reads the departed one.
    const fresh = await startTestServer();
    try {
      const alice = await tokenFor(fresh.config, ['user']);
      const response = await http(fresh.baseUrl, 'POST', '/seats/lock', {
        token: alice,
        body: { tripId, seatNumbers: ['S1'] },
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('trip.departed');
    } finally {
      await fresh.close();
    }
  });
});
