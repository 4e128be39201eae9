/* eslint-disable no-console */
import { cpus } from 'node:os';
import { Pool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { findDoubleHolds } from '../../test/utils/double-holds';
import { createBenchTrip, startApi } from '../lib/api';
import { cpuSeconds, rssMiB, startProcess, stopProcess } from '../lib/processes';
import { reportResult } from '../lib/result';
import { percentile, round } from '../lib/stats';
import { vacuumAndAnalyze } from '../lib/vacuum';

/**
 * Seat holds under load: CONNECTIONS clients on one 40-seat trip, each locking 1–3 random seats
 * and releasing them, against the API in its own process (Postgres from DATABASE_URL, Redis from
 * REDIS_URL), after BENCH_WARMUP seconds of the same load on another trip. The same client
 * loop against a bare Fastify route gives the machine's ceiling.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npm run bench:locks
 * BENCH_TRACING=1 measures with OpenTelemetry tracing on, exporting to a local sink process.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const API_PORT = 3912;
const CEILING_PORT = 3913;
const SINK_PORT = 3914;
const TRACING = process.env.BENCH_TRACING === '1';

interface LoopResult {
  latencies: number[];
  ops: number;
  pairs: number;
  conflicts: number;
  errors: Map<string, number>;
}

async function runLoops(
  step: (client: number, result: LoopResult) => Promise<void>,
  seconds = DURATION_S,
): Promise<LoopResult & { seconds: number }> {
  const result: LoopResult = { latencies: [], ops: 0, pairs: 0, conflicts: 0, errors: new Map() };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, client) => {
      while (performance.now() < deadline) await step(client, result);
    }),
  );
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

type Request = Parameters<HttpPool['request']>[0];

/** One HTTP request over a keep-alive pool (undici's raw client: fetch would be the bottleneck). */
async function timed(
  result: LoopResult,
  pool: HttpPool,
  request: Request,
): Promise<{ status: number; text: string }> {
  const t0 = performance.now();
  const response = await pool.request(request);
  const text = await response.body.text();
  result.latencies.push(performance.now() - t0);
  result.ops++;
  return { status: response.statusCode, text };
}

function countError(result: LoopResult, what: string): void {
  result.errors.set(what, (result.errors.get(what) ?? 0) + 1);
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('set DATABASE_URL (and REDIS_URL to measure with Redis)');

  const ceilingServer = await startProcess(
    'dist/bench/lib/ceiling-server.js',
    [String(CEILING_PORT)],
    {},
    `http://127.0.0.1:${CEILING_PORT}/ping`,
  );
  const ceilingClient = new HttpPool(`http://127.0.0.1:${CEILING_PORT}`, {
    connections: CONNECTIONS,
  });
  const ceiling = await runLoops(async (_, result) => {
    await timed(result, ceilingClient, { method: 'GET', path: '/ping' });
  });
  await ceilingClient.close();
  await stopProcess(ceilingServer);

  const sink = TRACING
    ? await startProcess(
        'dist/bench/lib/otlp-sink.js',
        [String(SINK_PORT)],
        {},
        `http://127.0.0.1:${SINK_PORT}/stats`,
      )
    : undefined;
  const api = await startApi(
    API_PORT,
    sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${SINK_PORT}` } : {},
  );
  const base = `http://127.0.0.1:${API_PORT}`;
  const client = new HttpPool(base, { connections: CONNECTIONS });
  try {
    const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
    const sign = (roles: ('user' | 'admin')[]) =>
      signPlatformToken({ secret: config.auth.jwtSecret!, sub: crypto.randomUUID(), roles });
    const admin = await sign(['admin']);
    const tokens = await Promise.all(Array.from({ length: CONNECTIONS }, () => sign(['user'])));
    const seats = Array.from({ length: 40 }, (_, i) => `S${i + 1}`);

    const lockAndRelease =
      (tripId: string) =>
      async (clientIndex: number, result: LoopResult): Promise<void> => {
        const count = 1 + Math.floor(Math.random() * 3);
        const wanted = [
          ...new Set(
            Array.from({ length: count }, () => seats[Math.floor(Math.random() * seats.length)]),
          ),
        ];
        const headers = {
          authorization: `Bearer ${tokens[clientIndex]}`,
          'content-type': 'application/json',
        };
        const lock = await timed(result, client, {
          method: 'POST',
          path: '/seats/lock',
          headers,
          body: JSON.stringify({ tripId, seatNumbers: wanted }),
        });
        if (lock.status === 409) {
          result.conflicts++;
          return;
        }
        if (lock.status !== 201) return countError(result, `lock ${lock.status}`);
        const { lockId } = JSON.parse(lock.text) as { lockId?: string };
        if (!lockId) return countError(result, 'lock without id');
        const release = await timed(result, client, {
          method: 'DELETE',
          path: `/seats/lock/${lockId}`,
          headers,
        });
        if (release.status !== 200) return countError(result, `release ${release.status}`);
        result.pairs++;
      };

    // The same load on another trip first, unmeasured: the figures are of a warmed-up process
    // (JIT-compiled paths, filled pools and caches), as a server is after its first seconds.
    await runLoops(lockAndRelease(await createBenchTrip(base, admin)), WARMUP_S);
    await vacuumAndAnalyze();
    const tripId = await createBenchTrip(base, admin);
    // The API's CPU per operation is less at the mercy of other load on the machine than ops/s.
    const cpuBefore = await cpuSeconds(api.pid!);
    const load = await runLoops(lockAndRelease(tripId));
    const apiCpu = (await cpuSeconds(api.pid!)) - cpuBefore;

    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const { rows } = await pool.query(
      'SELECT type, data, stream_position FROM events WHERE stream_id = $1 ORDER BY stream_position',
      [`seat-allocation-${tripId}`],
    );
    await pool.end();
    const doubleHolds = findDoubleHolds(rows);

    const opsPerSecond = load.ops / load.seconds;
    const ceilingPerSecond = ceiling.ops / ceiling.seconds;
    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
    );
    console.log(
      `Redis: ${process.env.REDIS_URL ? 'yes' : 'no (degraded mode)'}; ${CONNECTIONS} clients, ${DURATION_S} s, one 40-seat trip; ` +
        `tracing: ${TRACING ? 'on, exporting to a local sink' : 'off'}`,
    );
    console.table([
      {
        scenario: 'bare Fastify GET /ping (ceiling)',
        'ops/s': Math.round(ceilingPerSecond),
        'p50 ms': round(percentile(ceiling.latencies, 50)),
        'p99 ms': round(percentile(ceiling.latencies, 99)),
      },
      {
        scenario: 'lock (POST) + release (DELETE)',
        'ops/s': Math.round(opsPerSecond),
        'p50 ms': round(percentile(load.latencies, 50)),
        'p99 ms': round(percentile(load.latencies, 99)),
      },
    ]);
    console.log(
      `lock+release pairs/s: ${Math.round(load.pairs / load.seconds)}; lock conflicts (409): ${load.conflicts}`,
    );
    console.log(
      `ops/s as a fraction of the ceiling: ${Math.round((100 * opsPerSecond) / ceilingPerSecond)} %`,
    );
    console.log(
      `API CPU: ${round((1000 * apiCpu) / load.ops, 3)} ms per operation (${round(apiCpu)} s over ${load.ops})`,
    );
    console.log(
      `events in the trip's stream: ${rows.length}; double holds found by replaying it: ${doubleHolds.length}`,
    );
    console.log(
      `errors: ${load.errors.size ? JSON.stringify(Object.fromEntries(load.errors)) : 'none'}; API RSS: ${await rssMiB(api.pid!)} MiB`,
    );
    reportResult({
      bench: 'locks',
      figures: [
        {
          id: 'locks.ops',
          label: 'lock + release ops/s (100 clients, one trip)',
          value: Math.round(opsPerSecond),
          unit: 'ops/s',
          ceiling: Math.round(ceilingPerSecond),
        },
        {
          id: 'locks.p99',
          label: 'lock + release p99',
          value: round(percentile(load.latencies, 99)),
          unit: 'ms',
          ceiling: round(percentile(ceiling.latencies, 99)),
        },
        {
          id: 'locks.api-cpu',
          label: 'API CPU per lock or release',
          value: round((1000 * apiCpu) / load.ops, 3),
          unit: 'ms',
        },
        {
          id: 'locks.double-holds',
          label: 'double holds in the trip’s stream',
          value: doubleHolds.length,
          unit: 'count',
        },
      ],
    });
    if (doubleHolds.length > 0) process.exitCode = 1;
  } finally {
    await client.close();
    await stopProcess(api); // exports the spans it still buffers
    if (sink) {
      const stats = await fetch(`http://127.0.0.1:${SINK_PORT}/stats`).then((r) => r.json());
      console.log(`spans exported to the sink: ${JSON.stringify(stats)}`);
      await stopProcess(sink);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
