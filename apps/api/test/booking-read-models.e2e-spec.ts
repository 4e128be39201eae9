import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import {
  InlineProjectionRegistry,
  PG_POOL,
  PostgresEventStore,
  ProjectionRebuilder,
} from '@app/event-store';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip, guestToken } from '../../../test/utils/catalog';

/** The read models are projections of the log: rebuilt from it, they answer the same. */
describe('Booking and seat read models', () => {
  let server: TestServer;

  let pool: Pool;

  beforeAll(async () => {
    // Three guests hold most of a 12-seat trip here: no guest share applies to this test.
    server = await startTestServer({
      BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
      GUEST_HOLD_SHARE_PERCENT: '100',
    });
    pool = server.app.get(PG_POOL);
  });
  afterAll(() => server?.close()); // undefined when beforeAll failed

  it('give the same history, stats and lookups after a rebuild from the log', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId);
    const tripId = await createTrip(server.baseUrl, admin);
    const ids: string[] = [];
    for (const seats of [['S1'], ['S2', 'S3'], ['S4'], ['S5']]) {
      ids.push((await lockAndBook(server.baseUrl, user, tripId, seats)).body.bookingId);
    }
    await confirmBooking(server.baseUrl, user, ids[0], 'PAY-R1');
    await http(server.baseUrl, 'DELETE', `/bookings/${ids[1]}`, { token: user });
    await http(server.baseUrl, 'PATCH', `/bookings/${ids[2]}`, {
      token: user,
      body: { seatNumbers: ['S6'] },
    });

    const read = async () => ({
      page: (
        await http(server.baseUrl, 'GET', `/users/${userId}/bookings?sort=createdAt&order=asc`, {
          token: user,
        })
      ).body,
      stats: (await http(server.baseUrl, 'GET', `/users/${userId}/bookings/stats`, { token: user }))
        .body,
      seats: (await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`)).body,
      one: (await http(server.baseUrl, 'GET', `/bookings/${ids[2]}`, { token: user })).body,
    });
    const before = await read();
    expect(before.page.total).toBe(4);
    expect(before.stats.byStatus).toEqual({ pending: 2, confirmed: 1, completed: 0, cancelled: 1 });

    const rebuilder = server.app.get(ProjectionRebuilder);
    await rebuilder.rebuild('bookings');
    expect(await read()).toEqual(before);
  });

  it('hold seats the same when written inside the append as when rebuilt from the log', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin);
    const guests = await Promise.all([0, 1, 2].map(() => guestToken(server.baseUrl)));
    const lock = (token: string, seatNumbers: string[]) =>
      http(server.baseUrl, 'POST', '/seats/lock', { token, body: { tripId, seatNumbers } });
    // Concurrent requests share appends (several holds, releases and transfers in one).
    const first = await Promise.all([
      lock(guests[0], ['S1', 'S2']),
      lock(guests[1], ['S3']),
      lock(guests[2], ['S4', 'S5']),
    ]);
    const [, , , cancelled] = await Promise.all([
      lock(guests[0], ['S2', 'S6']), // S2 moves to a new hold of the same guest
      http(server.baseUrl, 'DELETE', `/seats/lock/${first[1].body.lockId}`, { token: guests[1] }),
      http(server.baseUrl, 'PATCH', `/seats/lock/${first[2].body.lockId}/extend`, {
        token: guests[2],
      }),
      lockAndBook(server.baseUrl, guests[1], tripId, ['S7']),
    ]);
    // A booking cancelled (its seat given back) and another kept.
    await http(server.baseUrl, 'DELETE', `/bookings/${cancelled.body.bookingId}`, {
      token: guests[1],
    });
    await lockAndBook(server.baseUrl, guests[1], tripId, ['S7', 'S8']);
    const snapshot = async () => ({
      holds: (
        await pool.query(
          `SELECT lock_id, holder_id, seat_numbers, status, expires_at, ended_at
             FROM seat_holds WHERE trip_id = $1 ORDER BY lock_id`,
          [tripId],
        )
      ).rows,
      booked: (
        await pool.query(
          'SELECT seat_number, booking_id FROM seat_bookings WHERE trip_id = $1 ORDER BY 1',
          [tripId],
        )
      ).rows,
    });
    const live = await snapshot();
    expect(live.holds.length).toBeGreaterThanOrEqual(4);
    expect(live.booked).toHaveLength(2);
    // Rebuilt from the log as the rebuilder does it, for this trip alone (its rows are its own).
    await pool.query('DELETE FROM seat_holds WHERE trip_id = $1', [tripId]);
    await pool.query('DELETE FROM seat_bookings WHERE trip_id = $1', [tripId]);
    const events = await server.app.get(PostgresEventStore).readStream(`seat-allocation-${tripId}`);
    await server.app.get(InlineProjectionRegistry).get('seat-holds').apply(events, pool);
    expect(await snapshot()).toEqual(live);
  });
});
