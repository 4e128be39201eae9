import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { eventually } from '../../../test/utils/eventually';

/**
 * Two API processes, as behind a load balancer: what one client did through one of them is in
 * what the other answers at once (seat maps are served from memory when nothing changed), and
 * the cached trips and searches follow the log.
 */
describe('Reads across API processes', () => {
  let a: TestServer;
  let b: TestServer;
  let admin: string;
  beforeAll(async () => {
    const settings = { BOOKING_RATE_LIMIT_PER_MINUTE: '10000' };
    a = await startTestServer(settings);
    b = await startTestServer(settings);
    admin = await tokenFor(a.config, ['admin']);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const seat = (map: { seats: { seatNumber: string; status: string }[] }, seatNumber: string) =>
    map.seats.find((s) => s.seatNumber === seatNumber)!;

  it('shows a client its own holds and releases at once, whichever process it asks', async () => {
    const tripId = await createTrip(a.baseUrl, admin, 40);
    const user = await tokenFor(a.config, ['user']);
    for (let i = 1; i <= 30; i++) {
      const [writer, reader] = i % 2 ? [a, b] : [b, a];
      const before = await http(reader.baseUrl, 'GET', `/trips/${tripId}/seats`, { token: user });
      const etag = before.headers.get('etag')!;
      const hold = await http(writer.baseUrl, 'POST', '/seats/lock', {
        token: user,
        body: { tripId, seatNumbers: [`S${i}`] },
      });
      expect(hold.status).toBe(201);
      // The other process, right after: the hold is there, and the old ETag is not "unchanged".
      const after = await http(reader.baseUrl, 'GET', `/trips/${tripId}/seats`, {
        token: user,
        headers: { 'if-none-match': etag },
      });
      expect([i, after.status]).toEqual([i, 200]);
      expect(seat(after.body, `S${i}`)).toMatchObject({ status: 'locked', heldByYou: true });
      expect(after.headers.get('etag')).not.toBe(etag);
      const again = await http(reader.baseUrl, 'GET', `/trips/${tripId}/seats`, {
        token: user,
        headers: { 'if-none-match': after.headers.get('etag')! },
      });
      expect(again.status).toBe(304);
      // Anyone asking after the hold was answered sees it too, the anonymous map (answered
      // before Nest's pipeline) included: the old ETag is not "unchanged" there either.
      const anonymous = await http(reader.baseUrl, 'GET', `/trips/${tripId}/seats`, {
        headers: { 'if-none-match': etag },
      });
      expect([i, anonymous.status, anonymous.headers.get('etag')]).toEqual([
        i,
        200,
        after.headers.get('etag'),
      ]);
      expect(seat(anonymous.body, `S${i}`)).toMatchObject({ status: 'locked', heldByYou: false });

      await http(writer.baseUrl, 'DELETE', `/seats/lock/${hold.body.lockId}`, { token: user });
      const released = await http(reader.baseUrl, 'GET', `/trips/${tripId}/seats`, { token: user });
      expect([i, seat(released.body, `S${i}`).status]).toEqual([i, 'available']);
    }
  });

  it('decides on a booking as it is now, whichever process changed it last', async () => {
    const tripId = await createTrip(a.baseUrl, admin, 40);
    const user = await tokenFor(a.config, ['user']);
    const confirm = (server: TestServer, bookingId: string, paymentReference: string) =>
      http(server.baseUrl, 'POST', `/bookings/${bookingId}/confirm`, {
        token: user,
        body: { paymentReference, paymentMethod: 'card' },
      });

    // A made the booking (and remembers it pending); B confirmed it. A refusal on A's own copy
    // (a seat change needs a paid booking) would be wrong: A reads the booking again.
    const first = await lockAndBook(a.baseUrl, user, tripId, ['S1']);
    expect(first.status).toBe(201);
    expect((await confirm(b, first.body.bookingId, 'PAY-B1')).status).toBe(200);
    const passengerId = first.body.passengers[0].passengerId;
    const change = await http(a.baseUrl, 'POST', `/bookings/${first.body.bookingId}/seat-changes`, {
      token: user,
      body: { passengerId, toSeatNumber: 'S2' },
    });
    expect([change.status, change.body.code]).toEqual([201, undefined]);

    // A confirmed the booking (and remembers it so); B cancelled it. Confirming again with the
    // same payment is no longer a no-op on A.
    const second = await lockAndBook(a.baseUrl, user, tripId, ['S3']);
    expect((await confirm(a, second.body.bookingId, 'PAY-A2')).status).toBe(200);
    const cancelled = await http(b.baseUrl, 'DELETE', `/bookings/${second.body.bookingId}`, {
      token: user,
    });
    expect(cancelled.status).toBe(200);
    const again = await confirm(a, second.body.bookingId, 'PAY-A2');
    expect([again.status, again.body.code]).toEqual([409, 'booking.not_confirmable']);

    // A remembers it pending; B cancelled it: A's confirmation fails on the version and is
    // decided again on the cancelled booking.
    const third = await lockAndBook(a.baseUrl, user, tripId, ['S4']);
    await http(b.baseUrl, 'DELETE', `/bookings/${third.body.bookingId}`, { token: user });
    const late = await confirm(a, third.body.bookingId, 'PAY-A3');
    expect([late.status, late.body.code]).toEqual([409, 'booking.not_confirmable']);
    const seen = await http(a.baseUrl, 'GET', `/bookings/${third.body.bookingId}`, { token: user });
    expect(seen.body.status).toBe('cancelled');
  });

  it('forgets cached searches when the log shows a trip scheduled, delayed or closed elsewhere', async () => {
    const origin = `Cache ${Date.now()}`;
    const search = (server: TestServer) =>
      http(server.baseUrl, 'GET', `/trips?origin=${encodeURIComponent(origin)}&limit=20`);
    expect((await search(b)).body.total).toBe(0);
    const tripId = await createTrip(a.baseUrl, admin, 12, { origin });
    // The process that scheduled it lists it at once; the other as soon as its tail sees it.
    expect((await search(a)).body.total).toBe(1);
    await eventually(async () => ((await search(b)).body.total === 1 ? true : undefined));

    const trip = await http(b.baseUrl, 'GET', `/trips/${tripId}`);
    const later = new Date(Date.parse(trip.body.departureAt) + 45 * 60_000).toISOString();
    await http(a.baseUrl, 'POST', `/admin/trips/${tripId}/delay`, {
      token: admin,
      body: { newDepartureAt: later, reason: 'Traffic' },
    });
    await eventually(async () =>
      (await search(b)).body.items[0]?.departureAt === later ? true : undefined,
    );
    await http(a.baseUrl, 'POST', `/admin/trips/${tripId}/close-sales`, { token: admin, body: {} });
    await eventually(async () =>
      (await search(b)).body.items[0]?.salesOpen === false ? true : undefined,
    );
  });
});
