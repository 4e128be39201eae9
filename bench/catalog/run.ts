/* eslint-disable no-console */
import { cpus } from 'node:os';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { load, printTable } from '../lib/load';
import { createBenchTrip, startApi } from '../lib/api';
import { rssMiB, startProcess, stopProcess } from '../lib/processes';

/**
 * Seat-map and trip-list reads against the real API (its own process, Postgres from
 * DATABASE_URL, Redis from REDIS_URL), next to a bare Fastify route as the machine's ceiling.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:catalog
 */
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
    const tripId = await createBenchTrip(base, admin);

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
      await load('GET /health/live', { url: `${base}/health/live`, duration }),
    ];
    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
    );
    console.log(
      `100 connections, ${duration} s each; API RSS after the run: ${await rssMiB(api.pid!)} MiB\n`,
    );
    printTable([ceiling, ...results], ceiling);
  } finally {
    await stopProcess(api);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
