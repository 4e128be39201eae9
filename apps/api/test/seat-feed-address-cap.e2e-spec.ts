import { startTestServer, TestServer } from '../../../test/utils/api-server';
import { SeatFeedClient } from '../../../test/utils/seat-feed-client';

/** Issue 17, hole 11: one address could open any number of seat-feed connections. */
describe('Seat feed connections per client address', () => {
  let server: TestServer;
  const clients: SeatFeedClient[] = [];
  const open = () => {
    const client = new SeatFeedClient(server.baseUrl);
    client.socket.io.opts.reconnection = false;
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer({ SEAT_FEED_MAX_CONNECTIONS_PER_ADDRESS: '3' });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server?.close();
  });

  it('refuses one more than the cap with feed.too_many_connections, and counts a closed one out', async () => {
    const first = [open(), open(), open()];
    await Promise.all(first.map((client) => client.connected()));

    const refused: any = await new Promise((resolve) =>
      open().socket.once('connect_error', resolve),
    );
    expect(refused.data).toMatchObject({ code: 'feed.too_many_connections', status: 429 });
    expect(refused.data.detail).toContain('At most 3');

    first[0].close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await open().connected();
  });
});
