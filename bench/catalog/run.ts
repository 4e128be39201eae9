/* eslint-disable no-console */
import { cpus } from 'node:os';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { load, LoadResult, printTable } from '../lib/load';
import { createBenchTrip, startApi } from '../lib/api';
import { seedUpcomingTrips, searchedRouteAndDate } from '../lib/catalog-seed';
import { rssMiB, startProcess, stopProcess } from '../lib/processes';
import { Figure, reportResult } from '../lib/result';

/**
 * Seat-map and trip-list reads against the real API (its own process, Postgres from
 * DATABASE_URL, Redis from REDIS_URL), next to a bare Fastify route as the machine's ceiling.
 * The bench routes are first topped up to BENCH_UPCOMING_TRIPS (default 10,000) upcoming trips.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:catalog
 */
const UPCOMING_TRIPS = Number(process.env.BENCH_UPCOMING_TRIPS ?? 10_000);

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('set DATABASE_URL (the benchmark never uses the embedded database)');
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const apiPort = 3910;
  const ceilingPort = 3911;

  const ceilingServer = await startProcess(
    'dist/bench/lib/ceiling-server.js',
    [String(ceilingPort)],
    {},
    `http://127.0.0.1:${ceilingPort}/ping`,
  );
  const ceiling = await load('bare Fastify GET /ping (ceiling)', {
    url: `http://127.0.0.1:${ceilingPort}/ping`,
    duration,
  });
  await stopProcess(ceilingServer);

  const api = await startApi(apiPort);
  try {
    const base = `http://127.0.0.1:${apiPort}`;
    const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
    const admin = await signPlatformToken({
      secret: config.auth.jwtSecret!,
      sub: crypto.randomUUID(),
      roles: ['admin'],
    });
    const seedStarted = performance.now();
    const seeded = await seedUpcomingTrips(base, admin, UPCOMING_TRIPS);
    console.log(
      `scheduled ${seeded} trips in ${Math.round((performance.now() - seedStarted) / 1000)} s ` +
        `(bench routes topped up to ${UPCOMING_TRIPS} upcoming trips)`,
    );
    const tripId = await createBenchTrip(base, admin);
    const search = new URLSearchParams({ ...searchedRouteAndDate(), limit: '20' });
    const upcoming = (await (await fetch(`${base}/trips?limit=1`)).json()) as { total: number };
    const found = (await (await fetch(`${base}/trips?${search}`)).json()) as { total: number };

    const results = [
      await load('GET /trips/{id}/seats (40 seats)', {
        url: `${base}/trips/${tripId}/seats`,
        duration,
      }),
      await load('GET /trips/{id}/seats, If-None-Match → 304', {
        url: `${base}/trips/${tripId}/seats`,
        headers: { 'if-none-match': '"0"' },
        duration,
      }),
      await load('GET /trips?limit=20', { url: `${base}/trips?limit=20`, duration }),
      await load('GET /trips?origin&destination&date&limit=20', {
        url: `${base}/trips?${search}`,
        duration,
      }),
      await load('GET /health/live', { url: `${base}/health/live`, duration }),
    ];
    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
    );
    console.log(
      `100 connections, ${duration} s each; API RSS after the run: ${await rssMiB(api.pid!)} MiB\n`,
    );
    console.log(
      `${upcoming.total} upcoming trips; the filtered search (${search}) finds ${found.total}\n`,
    );
    printTable([ceiling, ...results], ceiling);
    const [seats, notModified, list, filtered] = results;
    reportResult({
      bench: 'catalog',
      figures: [
        ...figuresOf('seats', seats, ceiling),
        ...figuresOf('seats-304', notModified, ceiling).slice(0, 1),
        ...figuresOf('trips', list, ceiling),
        ...figuresOf('trips-filtered', filtered, ceiling),
      ],
      notes: [`${upcoming.total} upcoming trips`, `filtered search finds ${found.total}`],
    });
  } finally {
    await stopProcess(api);
  }
}

/** Throughput and p99 of a scenario, each beside the ceiling's. */
function figuresOf(id: string, result: LoadResult, ceiling: LoadResult): Figure[] {
  return [
    {
      id: `${id}.rps`,
      label: `${result.label} req/s`,
      value: result.requestsPerSecond,
      unit: 'req/s',
      ceiling: ceiling.requestsPerSecond,
    },
    {
      id: `${id}.p99`,
      label: `${result.label} p99`,
      value: result.p99,
      unit: 'ms',
      ceiling: ceiling.p99,
    },
  ];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
