/* eslint-disable no-console */
import { cpus } from 'node:os';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { load, printTable } from '../lib/load';
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

  const api = await startProcess(
    'dist/apps/api/src/main.js',
    [],
    {
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      NODE_ENV: 'development',
    },
    `http://127.0.0.1:${apiPort}/health/ready`,
  );
  try {
    const base = `http://127.0.0.1:${apiPort}`;
    const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
    const admin = await signPlatformToken({
      secret: config.AUTH_JWT_SECRET!,
      sub: crypto.randomUUID(),
      roles: ['admin'],
    });
    const tripId = await createTrip(base, admin);

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

async function createTrip(base: string, token: string): Promise<string> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const seats = Array.from({ length: 40 }, (_, i) => ({
    seatNumber: `${i < 20 ? 'A' : 'B'}${(i % 20) + 1}`,
    deck: i < 20 ? 1 : 2,
    row: Math.floor((i % 20) / 3) + 1,
    col: ((i % 20) % 3) + 1,
    type: 'sleeper',
  }));
  const bus = await fetch(`${base}/admin/buses`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Bench sleeper', plateNumber: `BN${Date.now() % 1e8}`, seats }),
  }).then((r) => r.json() as Promise<{ id: string }>);
  const departure = new Date(Date.now() + 7 * 24 * 3600_000);
  const trip = await fetch(`${base}/admin/trips`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      busId: bus.id,
      origin: 'Bench A',
      destination: 'Bench B',
      departureAt: departure.toISOString(),
      arrivalAt: new Date(departure.getTime() + 6 * 3600_000).toISOString(),
      fares: {
        standard: { amount: 300000, currency: 'VND' },
        sleeper: { amount: 450000, currency: 'VND' },
      },
    }),
  }).then((r) => r.json() as Promise<{ id: string }>);
  return trip.id;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
