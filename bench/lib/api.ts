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
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const seats = Array.from({ length: 40 }, (_, i) => ({
    seatNumber: `S${i + 1}`,
    deck: i < 20 ? 1 : 2,
    row: Math.floor((i % 20) / 4) + 1,
    col: (i % 4) + 1,
    type: 'sleeper',
  }));
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (response.status !== 201)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const bus = await post('/admin/buses', {
    name: 'Bench sleeper',
    plateNumber: `BN${crypto.randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`,
    seats,
  });
  const departure = new Date(Date.now() + 7 * 24 * 3600_000);
  const trip = await post('/admin/trips', {
    busId: bus.id,
    origin: 'Bench A',
    destination: 'Bench B',
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
