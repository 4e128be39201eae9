import { randomUUID } from 'node:crypto';
import { ProjectionRebuilder } from '@app/event-store';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';

/** The read models are projections of the log: rebuilt from it, they answer the same. */
describe('Booking read models', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => server.close());

  it('give the same history, stats and lookups after a rebuild from the log', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId);
    const tripId = await createTrip(server.baseUrl, admin);
    const ids: string[] = [];
    for (const seats of [['S1'], ['S2', 'S3'], ['S4'], ['S5']]) {
      ids.push((await lockAndBook(server.baseUrl, user, tripId, seats)).body.bookingId);
    }
    await http(server.baseUrl, 'POST', `/bookings/${ids[0]}/confirm`, {
      token: user,
      body: { paymentReference: 'PAY-R1', paymentMethod: 'card' },
    });
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
});
