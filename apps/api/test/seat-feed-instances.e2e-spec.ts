import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@app/config';
import { http, startTestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip } from '../../../test/utils/catalog';
import { freePorts } from '../../../test/utils/ports';
import { replayFeed, SeatFeedClient } from '../../../test/utils/seat-feed-client';
import {
  ServiceProcess,
  startApiProcess,
  startWorkerProcess,
} from '../../../test/utils/service-process';

/**
 * Production shape: two API processes behind a (virtual) load balancer and a separate worker.
 * Each API instance tails the event log, so a change made anywhere reaches every client.
 */
describe('Seat feed across processes', () => {
  let port: number;
  // One worker group for the three processes, new to the database: its subscriptions start at
  // the end of the log rather than wherever an earlier group left off.
  const env = {
    SEAT_LOCK_TTL_SECONDS: '2',
    NODE_ENV: 'test',
    WORKER_GROUP: `test-${randomUUID().slice(0, 8)}`,
  };
  const processes: ServiceProcess[] = [];
  const clients: SeatFeedClient[] = [];
  const config: AppConfig = loadConfig({ ...process.env, NODE_ENV: 'test' });
  let instanceA: string;
  let instanceB: string;

  beforeAll(async () => {
    port = await freePorts(2);
    [instanceA, instanceB] = [port, port + 1].map((p) => `http://127.0.0.1:${p}`);
    // Every process that started is stopped by afterAll, even when another did not start.
    const started = await Promise.allSettled([
      startApiProcess(port, env),
      startApiProcess(port + 1, env),
      startWorkerProcess(env),
    ]);
    for (const s of started) if (s.status === 'fulfilled') processes.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all(processes.map((p) => p.stop()));
  });

  it('a lock made through instance A, and its expiry by the worker, reach a client of instance B', async () => {
    const admin = await tokenFor(config, ['admin']);
    const tripId = await createTrip(instanceA, admin);
    const onB = new SeatFeedClient(instanceB);
    const onA = new SeatFeedClient(instanceA);
    clients.push(onA, onB);
    await Promise.all([onA.emit('subscribe', { tripId }), onB.emit('subscribe', { tripId })]);

    const alice = await tokenFor(config, ['user']);
    const lock = await http(instanceA, 'POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S1', 'S2'] },
    });
    expect(lock.status).toBe(201);
    const answeredAt = Date.now();
    const delta = await onB.waitFor('seats:delta', (d) => d.version === 1);
    expect(onB.messages.find((m) => m.payload === delta)!.receivedAt - answeredAt).toBeLessThan(
      1000,
    );
    expect(delta.changes.map((c: any) => [c.seatNumber, c.status])).toEqual([
      ['S1', 'locked'],
      ['S2', 'locked'],
    ]);

    const expiry = await onB.waitFor('seats:delta', (d) => d.version === 2, 8000);
    expect(expiry.changes).toEqual([
      { seatNumber: 'S1', status: 'available' },
      { seatNumber: 'S2', status: 'available' },
    ]);
    await onA.waitFor('seats:delta', (d) => d.version === 2);
    expect(replayFeed(onA.messages, tripId)).toEqual(replayFeed(onB.messages, tripId));
  });

  it('holds:changed reaches the holder’s tabs on both instances', async () => {
    const admin = await tokenFor(config, ['admin']);
    const tripId = await createTrip(instanceB, admin);
    const bob = await tokenFor(config, ['user']);
    const tabs = [
      new SeatFeedClient(instanceA, { token: bob }),
      new SeatFeedClient(instanceB, { token: bob }),
    ];
    clients.push(...tabs);
    await Promise.all(tabs.map((t) => t.connected()));
    const lock = await http(instanceB, 'POST', '/seats/lock', {
      token: bob,
      body: { tripId, seatNumbers: ['S3'] },
    });
    for (const tab of tabs) {
      await tab.waitFor(
        'holds:changed',
        (c) => c.lockId === lock.body.lockId && c.change === 'locked',
      );
    }
  });
});

describe('Seat feed without Redis', () => {
  it('still delivers snapshots and deltas on a single instance', async () => {
    const server = await startTestServer({ REDIS_URL: '' });
    const watcher = new SeatFeedClient(server.baseUrl);
    try {
      const admin = await tokenFor(server.config, ['admin']);
      const tripId = await createTrip(server.baseUrl, admin);
      await watcher.emit('subscribe', { tripId });
      const alice = await tokenFor(server.config, ['user']);
      await http(server.baseUrl, 'POST', '/seats/lock', {
        token: alice,
        body: { tripId, seatNumbers: ['S4'] },
      });
      const delta = await watcher.waitFor('seats:delta');
      expect(delta).toMatchObject({ tripId, fromVersion: 0, version: 1 });
    } finally {
      watcher.close();
      await server.close();
    }
  });
});
