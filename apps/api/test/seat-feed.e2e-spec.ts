import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip, guestToken } from '../../../test/utils/catalog';
import { lockAndBook } from '../../../test/utils/bookings';
import { replayFeed, SeatFeedClient } from '../../../test/utils/seat-feed-client';

describe('Real-time seat feed (Socket.io /seats)', () => {
  let server: TestServer;
  let admin: string;
  const clients: SeatFeedClient[] = [];
  const client = (token?: string) => {
    const created = new SeatFeedClient(server.baseUrl, { token });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startTestServer({}, { withWorker: true });
    admin = await tokenFor(server.config, ['admin']);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server?.close(); // undefined when beforeAll failed
  });

  const lock = (token: string, tripId: string, seatNumbers: string[]) =>
    http(server.baseUrl, 'POST', '/seats/lock', { token, body: { tripId, seatNumbers } });

  it('sends a snapshot, then the delta of a lock made over HTTP within 1 s', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const watcher = client();
    const ack = await watcher.emit('subscribe', { tripId });
    expect(ack).toEqual({ ok: true, tripId, version: 0 });
    const snapshot = await watcher.waitFor('seats:snapshot');
    expect(snapshot).toMatchObject({ tripId, version: 0 });
    expect(snapshot.seats).toHaveLength(12);
    expect(snapshot.seats[0]).toMatchObject({ seatNumber: 'S1', status: 'available' });

    const alice = await tokenFor(server.config, ['user']);
    const locked = await lock(alice, tripId, ['S1', 'S2']);
    expect(locked.status).toBe(201);
    const answeredAt = Date.now();
    const delta = await watcher.waitFor('seats:delta', (d) => d.tripId === tripId);
    expect(watcher.messages.find((m) => m.payload === delta)!.receivedAt - answeredAt).toBeLessThan(
      1000,
    );
    expect(delta).toEqual({
      tripId,
      fromVersion: 0,
      version: 1,
      changes: [
        { seatNumber: 'S1', status: 'locked', expiresAt: locked.body.expiresAt },
        { seatNumber: 'S2', status: 'locked', expiresAt: locked.body.expiresAt },
      ],
    });
  });

  it('counts connections and messages sent on /metrics', async () => {
    const scrape = async () => {
      const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
      return (series: string) =>
        Number(
          text
            .split('\n')
            .find((line) => line.startsWith(`${series} `))
            ?.split(' ')[1] ?? 0,
        );
    };
    const tripId = await createTrip(server.baseUrl, admin);
    const before = await scrape();
    const watcher = client();
    await watcher.emit('subscribe', { tripId });
    await watcher.waitFor('seats:snapshot');
    const alice = await tokenFor(server.config, ['user']);
    expect((await lock(alice, tripId, ['S3'])).status).toBe(201);
    await watcher.waitFor('seats:delta', (d) => d.tripId === tripId);
    const after = await scrape();
    expect(after('seat_feed_connections')).toBe(before('seat_feed_connections') + 1);
    const deltas = 'seat_feed_messages_total{event="seats:delta"}';
    expect(after(deltas)).toBeGreaterThan(before(deltas));
  });

  it('snapshot + deltas equal the seat map read over HTTP afterwards', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const bob = await guestToken(server.baseUrl);
    await lock(alice, tripId, ['S1']); // before the subscription: part of the snapshot
    const watcher = client();
    await watcher.emit('subscribe', { tripId });

    const first = await lock(bob, tripId, ['S3', 'S4']);
    await lock(alice, tripId, ['S1', 'S2']); // moves S1 into a new hold
    await http(server.baseUrl, 'PATCH', `/seats/lock/${first.body.lockId}/extend`, { token: bob });
    await http(server.baseUrl, 'DELETE', `/seats/lock/${first.body.lockId}`, { token: bob });
    await Promise.all(
      ['S5', 'S6', 'S7', 'S8'].map(async (seat, i) =>
        lock(i % 2 ? alice : bob, tripId, [seat, 'S9']),
      ),
    );

    const seatMap = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
    await watcher.waitFor('seats:delta', (d) => d.version >= seatMap.body.version);
    const seen = replayFeed(watcher.messages, tripId);
    expect(seen.version).toBe(seatMap.body.version);
    expect(Object.fromEntries(seen.statuses)).toEqual(
      Object.fromEntries(seatMap.body.seats.map((s: any) => [s.seatNumber, s.status])),
    );
  });

  it('sends a delta when the worker expires a hold', async () => {
    const shortHolds = await startTestServer({ SEAT_LOCK_TTL_SECONDS: '2' }, { withWorker: true });
    try {
      const tripId = await createTrip(shortHolds.baseUrl, admin);
      const watcher = new SeatFeedClient(shortHolds.baseUrl);
      clients.push(watcher);
      await watcher.emit('subscribe', { tripId });
      const alice = await tokenFor(shortHolds.config, ['user']);
      const locked = await http(shortHolds.baseUrl, 'POST', '/seats/lock', {
        token: alice,
        body: { tripId, seatNumbers: ['S5'] },
      });
      const expiry = await watcher.waitFor('seats:delta', (d) => d.version === 2, 8000);
      expect(expiry).toEqual({
        tripId,
        fromVersion: 1,
        version: 2,
        changes: [{ seatNumber: 'S5', status: 'available' }],
      });
      expect(Date.now()).toBeGreaterThanOrEqual(new Date(locked.body.expiresAt).getTime());
    } finally {
      await shortHolds.close();
    }
  });

  it('sends deltas for a booking (booked) and its cancellation (available)', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const watcher = client();
    await watcher.emit('subscribe', { tripId });
    const alice = await tokenFor(server.config, ['user']);
    const booking = await lockAndBook(server.baseUrl, alice, tripId, ['S6']);
    expect(booking.status).toBe(201);
    const booked = await watcher.waitFor('seats:delta', (d) =>
      d.changes.some((c: any) => c.status === 'booked'),
    );
    expect(booked.changes).toEqual([{ seatNumber: 'S6', status: 'booked' }]);
    await http(server.baseUrl, 'DELETE', `/bookings/${booking.body.bookingId}`, { token: alice });
    const freed = await watcher.waitFor('seats:delta', (d) => d.version > booked.version);
    expect(freed.changes).toEqual([{ seatNumber: 'S6', status: 'available' }]);
  });

  it('tells watchers of new fares and closed sales (trip:updated); polling across new fares gets the whole map', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const watcher = client();
    await watcher.emit('subscribe', { tripId });
    await watcher.waitFor('seats:snapshot');
    const fares = {
      standard: { amount: 320_000, currency: 'VND' },
      limousine: { amount: 450_000, currency: 'VND' },
    };
    const path = `/admin/trips/${tripId}`;
    const priced = await http(server.baseUrl, 'PUT', `${path}/fares`, {
      token: admin,
      body: fares,
    });
    expect(priced.status).toBe(200);
    const update = await watcher.waitFor('trip:updated');
    expect(update).toEqual({
      tripId,
      version: 1,
      changes: { fares },
      updatedAt: expect.any(String),
    });
    // The change's version arrives first, as a delta without seat changes.
    const events = watcher.messages.map((m) => m.event);
    expect(events.indexOf('seats:delta')).toBeLessThan(events.indexOf('trip:updated'));
    expect(watcher.received('seats:delta')).toEqual([
      { tripId, fromVersion: 0, version: 1, changes: [] },
    ]);
    // A fresh snapshot, as a client asks for after new fares, shows them.
    await watcher.emit('subscribe', { tripId });
    const snapshots = watcher.received('seats:snapshot');
    const prices = (seats: { seatNumber: string; price: unknown }[]) =>
      Object.fromEntries(seats.map((seat) => [seat.seatNumber, seat.price]));
    expect(prices(snapshots.at(-1).seats)).toMatchObject({
      S1: fares.limousine,
      S5: fares.standard,
    });

    const closed = await http(server.baseUrl, 'POST', `${path}/close-sales`, {
      token: admin,
      body: { reason: 'Checking the bus' },
    });
    expect(closed.status).toBe(200);
    const salesClosed = await watcher.waitFor('trip:updated', (u) => u.version === 2);
    expect(salesClosed.changes).toEqual({ salesOpen: false });

    // Polling: across the new fares the whole map (every price changed); after them, changes.
    const acrossFares = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats?sinceVersion=0`);
    expect(acrossFares.body).toMatchObject({ kind: 'map', version: 2 });
    expect(prices(acrossFares.body.seats)).toMatchObject({ S1: fares.limousine });
    const afterFares = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats?sinceVersion=1`);
    expect(afterFares.body).toEqual({
      kind: 'changes',
      tripId,
      fromVersion: 1,
      version: 2,
      changes: [],
    });
  });

  it('tells every tab of a holder about its holds (holds:changed)', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const guest = await guestToken(server.baseUrl);
    const tab1 = client(guest); // token in the handshake
    const tab2 = client(); // token with the subscription
    const stranger = client(await guestToken(server.baseUrl));
    await Promise.all([tab1.connected(), stranger.connected()]);
    await tab2.emit('subscribe', { tripId, token: guest });
    const snapshot = await tab2.waitFor('seats:snapshot');
    expect(snapshot.seats.every((s: any) => s.heldByYou === false)).toBe(true);

    const locked = await lock(guest, tripId, ['S7']);
    for (const tab of [tab1, tab2]) {
      expect(await tab.waitFor('holds:changed', (c) => c.lockId === locked.body.lockId)).toEqual({
        tripId,
        version: 1,
        lockId: locked.body.lockId,
        change: 'locked',
        seatNumbers: ['S7'],
        expiresAt: locked.body.expiresAt,
        transferredFrom: [],
      });
    }
    await http(server.baseUrl, 'DELETE', `/seats/lock/${locked.body.lockId}`, { token: guest });
    for (const tab of [tab1, tab2]) {
      await tab.waitFor('holds:changed', (c) => c.change === 'released');
    }
    // The holder's own snapshot marks its seats.
    await lock(guest, tripId, ['S8']);
    await tab1.emit('subscribe', { tripId });
    const own = await tab1.waitFor('seats:snapshot');
    expect(own.seats.find((s: any) => s.seatNumber === 'S8')).toMatchObject({
      status: 'locked',
      heldByYou: true,
    });
    expect(stranger.received('holds:changed')).toEqual([]);
  });

  it('answers bad subscriptions with seats:error and keeps the connection usable', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const socket = client();
    const cases: [unknown, string, number][] = [
      ['not an object', 'request.invalid', 400],
      [null, 'request.invalid', 400],
      [[tripId], 'request.invalid', 400],
      [{ tripId: 'not-a-uuid' }, 'request.invalid', 400],
      [{ tripId: 42 }, 'request.invalid', 400],
      [{ tripId, extra: true }, 'request.invalid', 400],
      [{ tripId, token: 'garbage' }, 'auth.invalid_token', 401],
      [{ tripId: '00000000-0000-4000-8000-000000000000' }, 'trip.not_found', 404],
    ];
    for (const [payload, code, status] of cases) {
      const answer = await socket.emit('subscribe', payload);
      expect(answer).toMatchObject({ ok: false, error: { code, status } });
    }
    expect(socket.received('seats:error')).toHaveLength(cases.length);
    expect(socket.received('seats:error')[3]).toMatchObject({
      event: 'subscribe',
      errors: [{ field: 'tripId', rule: 'must be a UUID' }],
    });
    expect(await socket.emit('subscribe', { tripId })).toMatchObject({ ok: true });
    expect(socket.socket.connected).toBe(true);

    const badToken = client('not-a-jwt');
    const refused: any = await new Promise((resolve) =>
      badToken.socket.once('connect_error', resolve),
    );
    expect(refused.data).toMatchObject({ code: 'auth.invalid_token', status: 401 });
  });

  it('answers a repeated subscription with a fresh snapshot, and unsubscribe stops the deltas', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const watcher = client();
    const acks = await Promise.all([
      watcher.emit('subscribe', { tripId }),
      watcher.emit('subscribe', { tripId }),
    ]);
    expect(acks).toEqual([
      { ok: true, tripId, version: 0 },
      { ok: true, tripId, version: 0 },
    ]);
    expect(watcher.received('seats:snapshot')).toHaveLength(2);
    expect(await watcher.emit('unsubscribe', { tripId })).toEqual({ ok: true, tripId });
    const alice = await tokenFor(server.config, ['user']);
    await lock(alice, tripId, ['S1']);
    const other = client();
    await other.emit('subscribe', { tripId });
    expect((await other.waitFor('seats:snapshot')).version).toBe(1);
    expect(watcher.received('seats:delta')).toEqual([]);
  });

  it('bounds the trips one connection watches, and refuses floods of messages', async () => {
    const trips = await Promise.all(
      Array.from({ length: server.config.seatFeed.maxTripsPerConnection + 1 }, () =>
        createTrip(server.baseUrl, admin, 2),
      ),
    );
    const socket = client();
    for (const tripId of trips.slice(0, -1)) {
      expect(await socket.emit('subscribe', { tripId })).toMatchObject({ ok: true });
    }
    const over = await socket.emit('subscribe', { tripId: trips[trips.length - 1] });
    expect(over).toMatchObject({ ok: false, error: { code: 'feed.too_many_trips', status: 422 } });
    expect(await socket.emit('unsubscribe', { tripId: trips[0] })).toEqual({
      ok: true,
      tripId: trips[0],
    });
    expect(await socket.emit('subscribe', { tripId: trips[trips.length - 1] })).toMatchObject({
      ok: true,
    });

    const flooder = client();
    await flooder.connected();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => flooder.emit('subscribe', { tripId: trips[0] })),
    );
    const limited = answers.filter((a) => a.error?.code === 'feed.rate_limited');
    expect(limited.length).toBeGreaterThan(10);
    expect(limited[0].error.status).toBe(429);
    expect(flooder.socket.connected).toBe(true);
  });

  it('after a dropped connection, the client reconnects and re-subscribing gives a consistent snapshot', async () => {
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const watcher = client();
    await watcher.emit('subscribe', { tripId });
    await lock(alice, tripId, ['S1']);
    await watcher.waitFor('seats:delta');

    watcher.socket.io.engine.close(); // the network drops; socket.io-client reconnects by itself
    await new Promise((resolve) => watcher.socket.once('connect', resolve as () => void));
    await lock(alice, tripId, ['S2']); // made while the client was away or just back
    await watcher.emit('subscribe', { tripId });
    const snapshots = watcher.received('seats:snapshot');
    expect(snapshots).toHaveLength(2);
    const seatMap = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
    if (seatMap.body.version > snapshots[1].version) {
      await watcher.waitFor('seats:delta', (d) => d.version >= seatMap.body.version);
    }
    const seen = replayFeed(
      watcher.messages.slice(
        watcher.messages.indexOf(watcher.messages.find((m) => m.payload === snapshots[1])!),
      ),
      tripId,
    );
    expect(seen.statuses.get('S1')).toBe('locked');
    expect(seen.statuses.get('S2')).toBe('locked');
  });

  describe('polling fallback: GET /trips/{tripId}/seats?sinceVersion=N', () => {
    it('returns the seats changed since N, and 304 when nothing changed', async () => {
      const tripId = await createTrip(server.baseUrl, admin);
      const alice = await tokenFor(server.config, ['user']);
      const first = await lock(alice, tripId, ['S1', 'S2']);
      const start = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
      expect(start.body.version).toBe(1);

      await lock(alice, tripId, ['S3']);
      await http(server.baseUrl, 'DELETE', `/seats/lock/${first.body.lockId}`, { token: alice });
      const changes = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats?sinceVersion=1`, {
        token: alice,
      });
      expect(changes.status).toBe(200);
      expect(changes.headers.get('etag')).toBe('"3"');
      expect(changes.body).toMatchObject({ tripId, fromVersion: 1, version: 3 });
      expect(changes.body.changes).toEqual([
        { seatNumber: 'S1', status: 'available', heldByYou: false },
        { seatNumber: 'S2', status: 'available', heldByYou: false },
        { seatNumber: 'S3', status: 'locked', expiresAt: expect.any(String), heldByYou: true },
      ]);

      const unchanged = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats?sinceVersion=3`, {
        token: alice,
        headers: { 'if-none-match': '"3"' },
      });
      expect(unchanged.status).toBe(304);
      const none = await http(
        server.baseUrl,
        'GET',
        `/trips/${tripId}/seats?sinceVersion=3&_=1764000000000`,
      );
      expect(none.body).toEqual({
        kind: 'changes',
        tripId,
        fromVersion: 3,
        version: 3,
        changes: [],
      });
    });

    it('returns the whole map for a version it cannot answer from, and 400 for a bad one', async () => {
      const tripId = await createTrip(server.baseUrl, admin);
      const ahead = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats?sinceVersion=99`);
      expect(ahead.status).toBe(200);
      expect(ahead.body.seats).toHaveLength(12);
      for (const bad of ['-1', 'abc', '1.5']) {
        const answer = await http(
          server.baseUrl,
          'GET',
          `/trips/${tripId}/seats?sinceVersion=${bad}`,
        );
        expect(answer.status).toBe(400);
        expect(answer.body.errors[0].field).toBe('sinceVersion');
      }
    });
  });
});
