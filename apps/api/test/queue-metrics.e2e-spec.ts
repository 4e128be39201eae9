import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { queuePrefix } from '@app/config';
import { TICKET_EMAIL_QUEUE } from '@app/ticketing';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip } from '../../../test/utils/catalog';
import { DisposableRedis } from '../../../test/utils/redis-server';
import { describeWithRedis, describeWithRedisServer } from '../../../test/utils/requirements';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scrape(server: TestServer) {
  const response = await fetch(`${server.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return {
    text,
    value(series: string): number | undefined {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    },
  };
}

const jobs = (queue: string, state: string) => `job_queue_jobs{queue="${queue}",state="${state}"}`;
const oldest = (queue: string) => `job_queue_oldest_waiting_seconds{queue="${queue}"}`;

/** /metrics shows each BullMQ queue's depth by state and the age of its oldest waiting job. */
describeWithRedis('Job queue metrics', () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('counts the hold-expiry job the worker schedules for a new hold', async () => {
    const server = await startTestServer({}, { withWorker: true });
    servers.push(server);
    const before = await scrape(server);
    for (const queue of [
      'seat-hold-expiry',
      'booking-expiry',
      'booking-completion',
      'ticket-email',
    ]) {
      for (const state of ['waiting', 'delayed', 'active', 'failed']) {
        expect([queue, state, before.value(jobs(queue, state))]).toEqual([queue, state, 0]);
      }
      expect([queue, before.value(oldest(queue))]).toEqual([queue, 0]);
    }

    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 8);
    const user = await tokenFor(server.config, ['user']);
    const hold = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: user,
      body: { tripId, seatNumbers: ['S1'] },
    });
    expect(hold.status).toBe(201);

    // The worker's subscription schedules the expiry a moment after the hold is taken.
    const deadline = Date.now() + 10_000;
    let after = await scrape(server);
    while (after.value(jobs('seat-hold-expiry', 'delayed')) !== 1) {
      if (Date.now() > deadline) throw new Error(`no delayed hold-expiry job:\n${after.text}`);
      await sleep(200);
      after = await scrape(server);
    }
    expect(after.value(jobs('seat-hold-expiry', 'waiting'))).toBe(0);
  });

  it('shows how long the oldest job has been waiting', async () => {
    // An API without a worker: nothing takes the job queued here (as if the worker were down).
    const server = await startTestServer();
    servers.push(server);
    const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(TICKET_EMAIL_QUEUE, { connection, prefix: queuePrefix(server.config) });
    try {
      await queue.add(TICKET_EMAIL_QUEUE, { bookingId: 'queue-metrics-test' });
      await sleep(1100);
      await queue.add(TICKET_EMAIL_QUEUE, { bookingId: 'queue-metrics-test-2' });
      const read = await scrape(server);
      expect(read.value(jobs(TICKET_EMAIL_QUEUE, 'waiting'))).toBe(2);
      expect(read.value(oldest(TICKET_EMAIL_QUEUE))).toBeGreaterThanOrEqual(1);
      expect(read.value(oldest(TICKET_EMAIL_QUEUE))).toBeLessThan(30);
      expect(read.value(oldest('seat-hold-expiry'))).toBe(0);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });
});

describeWithRedisServer('Job queue metrics while Redis is down', () => {
  const redis = new DisposableRedis();
  let server: TestServer | undefined;
  beforeAll(async () => {
    await redis.start();
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server?.close();
    await redis.kill();
  });

  it('leaves the queue series out and still answers the scrape', async () => {
    expect((await scrape(server!)).value(jobs(TICKET_EMAIL_QUEUE, 'waiting'))).toBe(0);
    await redis.kill();
    await sleep(200);
    const started = Date.now();
    const read = await scrape(server!);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(read.text).toContain('http_requests_total');
    expect(read.text).not.toMatch(/^job_queue_jobs\{/m);
    expect(read.text).not.toMatch(/^job_queue_oldest_waiting_seconds\{/m);

    // Back by themselves once Redis is (and the server can close: its queues need Redis then).
    await redis.start();
    const deadline = Date.now() + 10_000;
    while ((await scrape(server!)).value(jobs(TICKET_EMAIL_QUEUE, 'waiting')) !== 0) {
      if (Date.now() > deadline) throw new Error('the queue series did not come back');
      await sleep(200);
    }
  });
});

describe('Job queue metrics without Redis', () => {
  it('has no queue series and still answers the scrape', async () => {
    const server = await startTestServer({ REDIS_URL: '' });
    try {
      const read = await scrape(server);
      expect(read.text).toContain('http_requests_total');
      expect(read.text).not.toMatch(/^job_queue_jobs\{/m);
    } finally {
      await server.close();
    }
  });
});
