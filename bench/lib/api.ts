import { ChildProcess } from 'node:child_process';
import { startProcess } from './processes';

/** The compiled API in its own process, against DATABASE_URL / REDIS_URL from the environment. */
export function startApi(
  port: number,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): Promise<ChildProcess> {
  return startProcess(
    'dist/apps/api/src/main.js',
    args,
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      NODE_ENV: 'development',
      ...env,
    },
    `http://127.0.0.1:${port}/health/ready`,
  );
}

/** A 40-berth two-deck sleeper (seats S1..S40) and a trip on it next week; returns the trip id. */
export async function createBenchTrip(base: string, adminToken: string): Promise<string> {
  const busId = await createBenchBus(base, adminToken);
  return scheduleBenchTrip(base, adminToken, busId, {
    origin: 'Bench A',
    destination: 'Bench B',
    departure: new Date(Date.now() + 7 * 24 * 3600_000),
  });
}

/** A 40-berth two-deck sleeper, seats S1..S40; returns the bus id. */
export async function createBenchBus(base: string, adminToken: string): Promise<string> {
  const seats = Array.from({ length: 40 }, (_, i) => ({
    seatNumber: `S${i + 1}`,
    deck: i < 20 ? 1 : 2,
    row: Math.floor((i % 20) / 4) + 1,
    col: (i % 4) + 1,
    type: 'sleeper',
  }));
  const bus = await adminPost(base, adminToken, '/admin/buses', {
    name: 'Bench sleeper',
    plateNumber: `BN${crypto.randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`,
    seats,
  });
  return bus.id;
}

export interface BenchSchedule {
  origin: string;
  destination: string;
  departure: Date;
}

/** A six-hour trip of a bench bus; returns the trip id. */
export async function scheduleBenchTrip(
  base: string,
  adminToken: string,
  busId: string,
  { origin, destination, departure }: BenchSchedule,
): Promise<string> {
  const trip = await adminPost(base, adminToken, '/admin/trips', {
    busId,
    origin,
    destination,
    departureAt: departure.toISOString(),
    arrivalAt: new Date(departure.getTime() + 6 * 3600_000).toISOString(),
    fares: {
      standard: { amount: 300000, currency: 'VND' },
      sleeper: { amount: 450000, currency: 'VND' },
    },
    maxSeatsPerBooking: 5,
  });
  return trip.id;
}

async function adminPost(
  base: string,
  adminToken: string,
  path: string,
  body: unknown,
): Promise<{ id: string }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}
