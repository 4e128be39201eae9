import { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { SystemClock } from '@app/clock';
import { OverdueHolds } from '@app/seating';
import { HoldSweeper } from '@app/worker';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip } from '../../../test/utils/catalog';
import { describeWithRedis } from '../../../test/utils/requirements';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventTypes(pool: Pool, tripId: string): Promise<{ type: string; lockId: string }[]> {
  const { rows } = await pool.query(
    `SELECT type, data->>'lockId' AS "lockId" FROM events WHERE stream_id = $1 ORDER BY stream_position`,
    [`seat-allocation-${tripId}`],
  );
  return rows;
}

async function waitForExpiry(
  pool: Pool,
  tripId: string,
  lockId: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await eventTypes(pool, tripId);
    if (events.some((e) => e.type === 'SeatLockExpired' && e.lockId === lockId)) return;
    if (Date.now() > deadline)
      throw new Error(`no SeatLockExpired for ${lockId}: ${JSON.stringify(events)}`);
    await sleep(100);
  }
}

describeWithRedis('Hold expiry with Redis (BullMQ delayed jobs)', () => holdExpiry({}));
describe('Hold expiry without Redis (in-process timers)', () => holdExpiry({ REDIS_URL: '' }));

function holdExpiry(overrides: Record<string, string>): void {
  let server: TestServer;
  let pool: Pool;
  // Seconds, not less: each step below has a second or more of slack on a busy machine.
  const ttl = { SEAT_LOCK_TTL_SECONDS: '4', SEAT_LOCK_MAX_LIFETIME_SECONDS: '6', ...overrides };

  beforeAll(async () => {
    server = await startTestServer(ttl, { withWorker: true });
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await pool?.end(); // undefined when beforeAll failed
    await server?.close();
  });

  it('frees the seat the moment the hold expires, and the worker records SeatLockExpired', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const bob = await tokenFor(server.config, ['user']);
    const lock = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S1'] },
    });
    expect(lock.body.expiresInSeconds).toBe(4);

    const early = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: bob,
      body: { tripId, seatNumbers: ['S1'] },
    });
    expect(early.status).toBe(409);

    await sleep(new Date(lock.body.expiresAt).getTime() - Date.now() + 5);
    const second = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: bob,
      body: { tripId, seatNumbers: ['S1'] },
    });
    expect(second.status).toBe(201);

    await waitForExpiry(pool, tripId, lock.body.lockId);
    const types = (await eventTypes(pool, tripId)).map((e) => e.type);
    expect(types.filter((t) => t === 'SeatLockExpired')).toHaveLength(1);
    expect(
      (await http(server.baseUrl, 'DELETE', `/seats/lock/${lock.body.lockId}`, { token: alice }))
        .status,
    ).toBe(200);
  });

  it('moves the expiry on extension, up to the maximum lifetime, then answers 422', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin);
    const alice = await tokenFor(server.config, ['user']);
    const lock = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S2'] },
    });
    await sleep(3000);
    const extended = await http(server.baseUrl, 'PATCH', `/seats/lock/${lock.body.lockId}/extend`, {
      token: alice,
    });
    expect(extended.status).toBe(200);
    const lockedAt = new Date(lock.body.expiresAt).getTime() - 4000;
    expect(new Date(extended.body.expiresAt).getTime()).toBe(lockedAt + 6000); // capped at 6 s from creation
    const again = await http(server.baseUrl, 'PATCH', `/seats/lock/${lock.body.lockId}/extend`, {
      token: alice,
    });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('lock.max_lifetime');

    // The original expiry (4 s) passed without ending the hold; the moved one (6 s) ends it.
    await sleep(lockedAt + 4600 - Date.now());
    const status = await http(
      server.baseUrl,
      'GET',
      `/seats/lock/${tripId}/status?seatNumbers=S2`,
      { token: alice },
    );
    expect(status.body.seats[0]).toMatchObject({ status: 'locked', heldByYou: true });
    await waitForExpiry(pool, tripId, lock.body.lockId);
  });
}

describe('Hold sweeper', () => {
  it('expires overdue holds whose expiry job never ran', async () => {
    const server = await startTestServer({ SEAT_LOCK_TTL_SECONDS: '1' }); // no worker: nothing schedules expiry
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    try {
      const admin = await tokenFor(server.config, ['admin']);
      const tripId = await createTrip(server.baseUrl, admin);
      const alice = await tokenFor(server.config, ['user']);
      const lock = await http(server.baseUrl, 'POST', '/seats/lock', {
        token: alice,
        body: { tripId, seatNumbers: ['S3'] },
      });
      await sleep(1100);
      expect((await eventTypes(pool, tripId)).map((e) => e.type)).toEqual(['SeatsLocked']);

      const sweeper = new HoldSweeper(
        server.app.get(OverdueHolds),
        server.app.get(CommandBus),
        new SystemClock(),
        server.config,
      );
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
      await waitForExpiry(pool, tripId, lock.body.lockId, 100);
    } finally {
      await pool.end();
      await server.close();
    }
  });
});
