import { Pool } from 'pg';
import { findDoubleHolds } from '../../../test/utils/double-holds';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip } from '../../../test/utils/catalog';
import { DisposableRedis } from '../../../test/utils/redis-server';
import { describeWithRedisServer } from '../../../test/utils/requirements';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Redis is killed in the middle of a race between two API instances, then started again. */
describeWithRedisServer('Seat holds when Redis dies mid-race', () => {
  const redis = new DisposableRedis();
  const servers: TestServer[] = [];
  let pool: Pool;

  beforeAll(async () => {
    await redis.start();
    servers.push(await startTestServer({ REDIS_URL: redis.url }));
    servers.push(await startTestServer({ REDIS_URL: redis.url }));
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await pool?.end(); // undefined when beforeAll failed
    await Promise.all(servers.map((s) => s.close()));
    await redis.kill();
  });

  async function race(tripId: string, clients: number, firstSeat: number, spread: number) {
    const config = servers[0].config;
    const requests = Array.from({ length: clients }, async (_, i) => {
      const token = await tokenFor(config, ['user']);
      const seatNumbers = [
        ...new Set([0, 3].slice(0, 1 + (i % 2)).map((k) => `S${firstSeat + ((i + k) % spread)}`)),
      ];
      const response = await http(servers[i % 2].baseUrl, 'POST', '/seats/lock', {
        token,
        body: { tripId, seatNumbers },
      });
      return { seatNumbers, response };
    });
    return Promise.all(requests);
  }

  const readiness = (server: TestServer) => http(server.baseUrl, 'GET', '/health/ready');

  it('keeps taking holds correctly without Redis and recovers by itself when it returns', async () => {
    const admin = await tokenFor(servers[0].config, ['admin']);
    const tripId = await createTrip(servers[0].baseUrl, admin, 40);
    expect((await readiness(servers[0])).body.checks.redis).toBe('ok');

    const during = race(tripId, 100, 1, 12);
    await sleep(30);
    await redis.kill();
    const results = [...(await during)];

    const down = await readiness(servers[1]);
    expect(down.status).toBe(200);
    expect(down.body).toEqual({ status: 'degraded', checks: { postgres: 'ok', redis: 'down' } });

    results.push(...(await race(tripId, 100, 13, 12)));

    await redis.start();
    const deadline = Date.now() + 10_000;
    while (
      (await readiness(servers[0])).body.checks.redis !== 'ok' ||
      (await readiness(servers[1])).body.checks.redis !== 'ok'
    ) {
      if (Date.now() > deadline) throw new Error('the API did not see Redis come back');
      await sleep(100);
    }
    results.push(...(await race(tripId, 50, 25, 12)));

    expect(new Set(results.map((r) => r.response.status))).toEqual(new Set([201, 409]));
    const owner = new Map<string, string>();
    for (const { response } of results.filter((r) => r.response.status === 201)) {
      for (const seat of response.body.seatNumbers) {
        expect(owner.get(seat)).toBeUndefined();
        owner.set(seat, response.body.lockId);
      }
    }
    for (const { response, seatNumbers } of results.filter((r) => r.response.status === 409)) {
      for (const { seatNumber } of response.body.conflicts)
        expect(seatNumbers).toContain(seatNumber);
    }
    const { rows } = await pool.query(
      'SELECT type, data, stream_position FROM events WHERE stream_id = $1 ORDER BY stream_position',
      [`seat-allocation-${tripId}`],
    );
    expect(rows).toHaveLength(
      owner.size === 0 ? 0 : results.filter((r) => r.response.status === 201).length,
    );
    expect(findDoubleHolds(rows)).toEqual([]);
  });
});
