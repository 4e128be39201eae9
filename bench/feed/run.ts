/* eslint-disable no-console */
import { cpus } from 'node:os';
import { io, Socket } from 'socket.io-client';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { createBenchTrip, startApi } from '../lib/api';
import { rssMiB, stopProcess } from '../lib/processes';
import { reportResult } from '../lib/result';
import { percentile, round } from '../lib/stats';

/**
 * Seat feed fan-out: CLIENTS Socket.io clients subscribed to one trip while one client locks and
 * releases seats over HTTP (one request at a time, RATE operations per second). For every
 * operation it measures the time from the HTTP response to the delta's arrival at each client,
 * checks every client saw every version, and reports the API's memory per connection.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npm run bench:feed
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const RATE = Number(process.env.BENCH_FEED_RATE ?? 50);
const API_PORT = 3914;

interface Watcher {
  socket: Socket;
  snapshotVersion: number;
  /** Arrival time of each version the client learnt about (a delta may cover several). */
  arrivals: Map<number, number>;
  lastVersion: number;
  gaps: number;
}

const maxOf = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

function connect(base: string, tripId: string): Promise<Watcher> {
  const socket = io(`${base}/seats`, { transports: ['websocket'], forceNew: true });
  const watcher: Watcher = {
    socket,
    snapshotVersion: -1,
    arrivals: new Map(),
    lastVersion: -1,
    gaps: 0,
  };
  socket.on('seats:delta', (delta: { fromVersion: number; version: number }) => {
    const now = performance.now();
    if (delta.version <= watcher.lastVersion) return;
    if (delta.fromVersion !== watcher.lastVersion) watcher.gaps++;
    for (let v = delta.fromVersion + 1; v <= delta.version; v++) watcher.arrivals.set(v, now);
    watcher.lastVersion = delta.version;
  });
  return new Promise((resolve, reject) => {
    socket.once('seats:snapshot', (snapshot: { version: number }) => {
      watcher.snapshotVersion = snapshot.version;
      watcher.lastVersion = snapshot.version;
      resolve(watcher);
    });
    socket.once('connect_error', reject);
    socket.on('connect', () => socket.emit('subscribe', { tripId }));
  });
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('set DATABASE_URL (and REDIS_URL to measure with Redis)');
  // All the bench's clients come from one address: lift the per-address cap on feed connections.
  const api = await startApi(API_PORT, {
    SEAT_FEED_MAX_CONNECTIONS_PER_ADDRESS: String(Math.max(100, CLIENTS + 10)),
  });
  const base = `http://127.0.0.1:${API_PORT}`;
  const watchers: Watcher[] = [];
  try {
    const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
    const sign = (roles: ('user' | 'admin')[]) =>
      signPlatformToken({ secret: config.auth.jwtSecret!, sub: crypto.randomUUID(), roles });
    const tripId = await createBenchTrip(base, await sign(['admin']));
    const locker = await sign(['user']);
    const headers = { authorization: `Bearer ${locker}`, 'content-type': 'application/json' };

    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = await rssMiB(api.pid!);
    const heapBefore = await metric(base, 'nodejs_heap_size_used_bytes');
    const connectStarted = performance.now();
    for (let i = 0; i < CLIENTS; i += 100) {
      const batch = Math.min(100, CLIENTS - i);
      watchers.push(
        ...(await Promise.all(Array.from({ length: batch }, () => connect(base, tripId)))),
      );
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const rssAfter = await rssMiB(api.pid!);
    const heapAfter = await metric(base, 'nodejs_heap_size_used_bytes');

    // One operation at a time: its version is the previous one plus one.
    const answeredAt = new Map<number, number>();
    let version = Math.max(...watchers.map((w) => w.snapshotVersion));
    let lockId: string | undefined;
    const httpLatencies: number[] = [];
    const deadline = performance.now() + DURATION_S * 1000;
    let next = performance.now();
    while (performance.now() < deadline) {
      next += 1000 / RATE;
      const t0 = performance.now();
      const response = lockId
        ? await fetch(`${base}/seats/lock/${lockId}`, { method: 'DELETE', headers })
        : await fetch(`${base}/seats/lock`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              tripId,
              seatNumbers: [`S${1 + Math.floor(Math.random() * 40)}`],
            }),
          });
      const t1 = performance.now();
      const body = (await response.json()) as { lockId?: string };
      if (response.status !== (lockId ? 200 : 201)) {
        throw new Error(`${response.status} ${JSON.stringify(body)}`);
      }
      httpLatencies.push(t1 - t0);
      version += 1;
      answeredAt.set(version, t1);
      lockId = lockId ? undefined : body.lockId;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const finalVersion = version;
    const settleDeadline = performance.now() + 5000;
    while (
      performance.now() < settleDeadline &&
      watchers.some((w) => w.lastVersion < finalVersion)
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }

    const latencies: number[] = [];
    const slowest: number[] = [];
    let lost = 0;
    for (const [v, t] of answeredAt) {
      let worst = 0;
      for (const watcher of watchers) {
        const arrived = watcher.arrivals.get(v);
        if (arrived === undefined) {
          lost++;
          continue;
        }
        // A delta can be broadcast before the HTTP response reaches the client: count it as 0.
        const latency = Math.max(0, arrived - t);
        latencies.push(latency);
        worst = Math.max(worst, latency);
      }
      slowest.push(worst);
    }
    const gaps = watchers.reduce((sum, w) => sum + w.gaps, 0);

    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
    );
    console.log(
      `Redis: ${process.env.REDIS_URL ? 'yes' : 'no'}; ${CLIENTS} clients on one trip (websocket), ` +
        `${answeredAt.size} lock/release operations at ${RATE}/s over ${DURATION_S} s`,
    );
    console.log(`connecting + subscribing ${CLIENTS} clients took ${round(connectSeconds, 2)} s`);
    console.table([
      {
        measure: 'delivery, HTTP response → each client',
        'p50 ms': round(percentile(latencies, 50)),
        'p99 ms': round(percentile(latencies, 99)),
        'max ms': round(maxOf(latencies)),
      },
      {
        measure: 'delivery to the last of all clients, per operation',
        'p50 ms': round(percentile(slowest, 50)),
        'p99 ms': round(percentile(slowest, 99)),
        'max ms': round(maxOf(slowest)),
      },
      {
        measure: 'HTTP lock/release (the locking client)',
        'p50 ms': round(percentile(httpLatencies, 50)),
        'p99 ms': round(percentile(httpLatencies, 99)),
        'max ms': round(maxOf(httpLatencies)),
      },
    ]);
    console.log(
      `deltas lost: ${lost} (of ${answeredAt.size * CLIENTS} deliveries); version gaps seen: ${gaps}`,
    );
    console.log(
      `API memory per connection: ${round(((rssAfter - rssBefore) * 1024) / CLIENTS, 1)} KiB RSS, ` +
        `${round((heapAfter - heapBefore) / 1024 / CLIENTS, 1)} KiB heap ` +
        `(RSS ${rssBefore} → ${rssAfter} MiB)`,
    );
    reportResult({
      bench: 'feed',
      figures: [
        {
          id: 'feed.delivery.p99',
          label: `seat delta delivery to ${CLIENTS} clients, p99`,
          value: round(percentile(latencies, 99)),
          unit: 'ms',
        },
        { id: 'feed.lost', label: 'seat deltas lost', value: lost, unit: 'count' },
      ],
    });
    if (lost > 0 || gaps > 0) process.exitCode = 1;
  } finally {
    watchers.forEach((w) => w.socket.close());
    await stopProcess(api);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
