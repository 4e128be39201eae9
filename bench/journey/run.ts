/* eslint-disable no-console */
import { cpus, loadavg } from 'node:os';
import { Pool as HttpPool } from 'undici';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { BenchSchedule, createBenchBus, scheduleBenchTrip, startApi } from '../lib/api';
import { rssMiB, stopProcess } from '../lib/processes';
import { reportResult } from '../lib/result';
import { percentile, round } from '../lib/stats';
import { vacuumAndAnalyze } from '../lib/vacuum';

/**
 * The whole journey under an open model: visitors arrive at a fixed rate (Poisson arrivals,
 * whatever the answers' times), each doing what 100 visitors do between them: 100 searches by
 * route and date, 60 seat maps, 30 holds of free seats from the map, 20 bookings of the held
 * seats, 15 confirmations, 3 cancellations, 5 history views, 2 guest lookups. Each rate of
 * BENCH_JOURNEY_RATES runs BENCH_JOURNEY_SECONDS on trips of its own; the capacity is the
 * highest rate at which every step's p99 stays under BENCH_JOURNEY_P99_MS with real failures
 * (anything but the 409s a client expects, such as a seat taken) under 1 % of requests; the
 * ramp stops at the first rate that misses, then BENCH_JOURNEY_REFINE rates halve the gap.
 *   DATABASE_URL=… REDIS_URL=… npm run bench:journey
 */
const RATES = (process.env.BENCH_JOURNEY_RATES ?? '10,20,40,80,120,160,200,240')
  .split(',')
  .map(Number);
const SECONDS = Number(process.env.BENCH_JOURNEY_SECONDS ?? 60);
/** Rates tried between the last rate that passed and the first that did not, halving the gap. */
const REFINE = Number(process.env.BENCH_JOURNEY_REFINE ?? 2);
const P99_LIMIT_MS = Number(process.env.BENCH_JOURNEY_P99_MS ?? 200);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
/** Visitors still in their journey this long after the last arrival are counted unfinished. */
const DRAIN_S = 30;
const FAILURE_SHARE_LIMIT = 0.01;
const API_PORT = 3921;

const STEPS = [
  'search',
  'seat map',
  'hold',
  'book',
  'confirm',
  'cancel',
  'history',
  'guest lookup',
] as const;
type Step = (typeof STEPS)[number];

/** Of those who did the step before, the share who go on: 100 → 60 → 30 → 20 → 15 → 3. */
const GO_ON = { seatMap: 0.6, hold: 0.5, book: 2 / 3, confirm: 0.75, cancel: 0.2 };
const HISTORY_SHARE = 0.05;
const GUEST_LOOKUP_SHARE = 0.02;

const ROUTES = 5;
const TRIPS_PER_ROUTE_AND_DAY = 10;

interface StepStats {
  latencies: number[];
  ok: number;
  /** Refusals a client expects (409: seat taken, hold gone…), by code. */
  expected: Map<string, number>;
  /** Anything else: 5xx, other 4xx, timeouts, connection errors. */
  failures: Map<string, number>;
}

interface RateResult {
  rate: number;
  seconds: number;
  arrivals: number;
  unfinished: number;
  arrivalLagP99: number;
  steps: Record<Step, StepStats>;
}

interface Visitor {
  sub: string;
  token: string;
  email: string;
}

interface Confirmed {
  visitor: Visitor;
  reference: string;
}

interface Catalog {
  searches: URLSearchParams[];
}

const newStats = (): Record<Step, StepStats> =>
  Object.fromEntries(
    STEPS.map((step): [Step, StepStats] => [
      step,
      { latencies: [], ok: 0, expected: new Map(), failures: new Map() },
    ]),
  ) as Record<Step, StepStats>;

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
const chance = (p: number) => Math.random() < p;

const passenger = (seatNumber: string, n: number) => ({
  seatNumber,
  fullName: 'Trần Văn Bình',
  idType: 'citizen_id',
  idNumber: String(200000000000 + n),
  phone: `+8490${String(n % 10_000_000).padStart(7, '0')}`,
  passengerType: 'adult',
});

class Journey {
  private n = 0;
  private readonly confirmed: Confirmed[] = [];

  constructor(
    private readonly http: HttpPool,
    private readonly stats: Record<Step, StepStats>,
  ) {}

  /** One request of a step, timed and classified; the parsed body when it was `expected`. */
  private async request(
    step: Step,
    expected: number,
    options: { method: 'GET' | 'POST' | 'DELETE'; path: string; token?: string; body?: unknown },
  ): Promise<any> {
    const stats = this.stats[step];
    const t0 = performance.now();
    try {
      const response = await this.http.request({
        method: options.method,
        path: options.path,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body ? { 'content-type': 'application/json' } : {}),
        },
        body: options.body ? JSON.stringify(options.body) : undefined,
      });
      const text = await response.body.text();
      stats.latencies.push(performance.now() - t0);
      const body = text ? JSON.parse(text) : undefined;
      if (response.statusCode === expected) {
        stats.ok++;
        return body;
      }
      const what = `${response.statusCode} ${body?.code ?? ''}`.trim();
      count(response.statusCode === 409 ? stats.expected : stats.failures, what);
    } catch (error) {
      stats.latencies.push(performance.now() - t0);
      count(stats.failures, (error as Error).name);
    }
    return undefined;
  }

  async visit(visitor: Visitor, catalog: Catalog): Promise<void> {
    try {
      await this.book(visitor, catalog);
      if (chance(HISTORY_SHARE)) await this.viewHistory(visitor);
      if (chance(GUEST_LOOKUP_SHARE)) await this.lookUpAsGuest();
    } catch (error) {
      // An answer the bench did not expect the shape of: a failure, not a crash of the run.
      count(this.stats.search.failures, `visit aborted: ${(error as Error).message}`);
    }
  }

  /** Search → seat map → hold → book → confirm → cancel, each step by a share of the last. */
  private async book(visitor: Visitor, catalog: Catalog): Promise<void> {
    const { token } = visitor;
    const page = await this.request('search', 200, {
      method: 'GET',
      path: `/trips?${pick(catalog.searches)}`,
    });
    if (!page?.items?.length || !chance(GO_ON.seatMap)) return;
    const tripId = pick(page.items as { id: string }[]).id;
    const map = await this.request('seat map', 200, {
      method: 'GET',
      path: `/trips/${tripId}/seats`,
      token,
    });
    if (!map || !chance(GO_ON.hold)) return;
    const free = (map.seats as { seatNumber: string; status: string }[])
      .filter((seat) => seat.status === 'available')
      .map((seat) => seat.seatNumber);
    if (free.length === 0) {
      count(this.stats.hold.expected, 'no free seat on the map');
      return;
    }
    const seatNumbers = [...new Set([pick(free), pick(free)].slice(0, chance(0.5) ? 1 : 2))];
    const hold = await this.request('hold', 201, {
      method: 'POST',
      path: '/seats/lock',
      token,
      body: { tripId, seatNumbers },
    });
    if (!hold || !chance(GO_ON.book)) return;
    const booking = await this.request('book', 201, {
      method: 'POST',
      path: '/bookings',
      token,
      body: {
        tripId,
        seatNumbers,
        passengers: seatNumbers.map((seat) => passenger(seat, this.n++)),
        contact: { email: visitor.email, phone: '+84912000333' },
      },
    });
    if (!booking || !chance(GO_ON.confirm)) return;
    const confirmation = await this.request('confirm', 200, {
      method: 'POST',
      path: `/bookings/${booking.bookingId}/confirm`,
      token,
      body: { paymentReference: `PAY-${booking.bookingId}`, paymentMethod: 'card' },
    });
    if (!confirmation) return;
    this.remember({ visitor, reference: booking.bookingReference });
    if (!chance(GO_ON.cancel)) return;
    await this.request('cancel', 200, {
      method: 'DELETE',
      path: `/bookings/${booking.bookingId}?reason=journey`,
      token,
    });
  }

  /** A returning traveller's history: someone who booked earlier, else this visitor. */
  private async viewHistory(visitor: Visitor): Promise<void> {
    const { sub, token } = this.confirmed.length ? pick(this.confirmed).visitor : visitor;
    await this.request('history', 200, {
      method: 'GET',
      path: `/users/${sub}/bookings?limit=20`,
      token,
    });
  }

  /** A traveller without the account at hand finds a booking by reference and e-mail. */
  private async lookUpAsGuest(): Promise<void> {
    if (!this.confirmed.length) return;
    const { reference, visitor } = pick(this.confirmed);
    const query = new URLSearchParams({ reference, email: visitor.email });
    await this.request('guest lookup', 200, {
      method: 'GET',
      path: `/bookings/guest/lookup?${query}`,
    });
  }

  private remember(booking: Confirmed): void {
    this.confirmed.push(booking);
    if (this.confirmed.length > 1000) this.confirmed.shift();
  }
}

/** Trips enough to stay under half full at this rate, ROUTES routes × days, 10 a day each. */
async function scheduleCatalog(
  base: string,
  adminToken: string,
  rate: number,
  seconds: number,
): Promise<Catalog> {
  const seatsTaken = rate * seconds * 0.3 * 1.5;
  const trips = Math.max(ROUTES * TRIPS_PER_ROUTE_AND_DAY, Math.ceil(seatsTaken / 20));
  const days = Math.ceil(trips / (ROUTES * TRIPS_PER_ROUTE_AND_DAY));
  const tag = crypto.randomUUID().slice(0, 8);
  const busId = await createBenchBus(base, adminToken);
  const searches: URLSearchParams[] = [];
  const schedules: BenchSchedule[] = [];
  for (let route = 0; route < ROUTES; route++) {
    const origin = `Journey ${tag} ${route}`;
    const destination = `Journey ${tag} ${route + ROUTES}`;
    for (let day = 1; day <= days; day++) {
      const midnight = Math.floor(Date.now() / 86_400_000 + day) * 86_400_000;
      const date = new Date(midnight).toISOString().slice(0, 10);
      searches.push(new URLSearchParams({ origin, destination, date, limit: '20' }));
      for (let k = 0; k < TRIPS_PER_ROUTE_AND_DAY; k++) {
        // 07:00–20:30 in Vietnam: the same local date.
        schedules.push({ origin, destination, departure: new Date(midnight + k * 90 * 60_000) });
      }
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < schedules.length; i = next++) {
        await scheduleBenchTrip(base, adminToken, busId, schedules[i]);
      }
    }),
  );
  return { searches };
}

/** Arrivals as a Poisson process at `rate` for `seconds`; waits for the visits to finish. */
async function runRate(
  rate: number,
  seconds: number,
  visitors: Visitor[],
  journey: Journey,
  catalog: Catalog,
): Promise<Omit<RateResult, 'steps' | 'rate'>> {
  const lags: number[] = [];
  const visits: Promise<void>[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  let due = started;
  while (visits.length < visitors.length) {
    due += (-Math.log(1 - Math.random()) / rate) * 1000;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    lags.push(Math.max(0, performance.now() - due));
    visits.push(journey.visit(visitors[visits.length], catalog));
  }
  let finished = 0;
  visits.forEach((visit) => void visit.then(() => finished++));
  const drained = Promise.all(visits);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((r) => {
    timer = setTimeout(r, Math.max(0, end - performance.now()) + DRAIN_S * 1000);
  });
  await Promise.race([drained, timeout]);
  clearTimeout(timer);
  return {
    seconds: (performance.now() - started) / 1000,
    arrivals: visits.length,
    unfinished: visits.length - finished,
    arrivalLagP99: percentile(lags, 99),
  };
}

async function signVisitors(secret: string, howMany: number): Promise<Visitor[]> {
  return Promise.all(
    Array.from({ length: howMany }, async (_, i) => {
      const sub = crypto.randomUUID();
      const token = await signPlatformToken({ secret, sub, roles: ['user'] });
      return { sub, token, email: `journey.${sub.slice(0, 8)}.${i}@example.com` };
    }),
  );
}

const worstP99 = (result: RateResult) =>
  STEPS.map((step) => ({ step, p99: percentile(result.steps[step].latencies, 99) })).reduce(
    (worst, s) => (s.p99 > worst.p99 ? s : worst),
  );

const totalOf = (result: RateResult, key: 'expected' | 'failures') =>
  STEPS.reduce(
    (sum, step) => sum + [...result.steps[step][key].values()].reduce((a, b) => a + b, 0),
    0,
  );

const requestsOf = (result: RateResult) =>
  STEPS.reduce((sum, step) => sum + result.steps[step].latencies.length, 0);

function passes(result: RateResult): boolean {
  return (
    worstP99(result).p99 < P99_LIMIT_MS &&
    totalOf(result, 'failures') <= FAILURE_SHARE_LIMIT * requestsOf(result) &&
    result.unfinished === 0
  );
}

function printRate(result: RateResult): void {
  console.log(
    `\n${result.rate} visitors/s: ${result.arrivals} arrivals in ${round(result.seconds)} s ` +
      `(arrival lag p99 ${round(result.arrivalLagP99)} ms), ${result.unfinished} unfinished ` +
      `${DRAIN_S} s after the last; ${round(requestsOf(result) / result.seconds)} requests/s`,
  );
  console.table(
    STEPS.map((step) => {
      const s = result.steps[step];
      return {
        step,
        requests: s.latencies.length,
        'p50 ms': round(percentile(s.latencies, 50)),
        'p99 ms': round(percentile(s.latencies, 99)),
        ok: s.ok,
        'expected refusals': describe(s.expected),
        failures: describe(s.failures),
      };
    }),
  );
}

const describe = (map: Map<string, number>) =>
  [...map].map(([what, n]) => `${n} × ${what}`).join(', ');

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (and REDIS_URL)');
  const loadAtStart = loadavg().map((l) => l.toFixed(2));
  const api = await startApi(API_PORT, { BOOKING_RATE_LIMIT_PER_MINUTE: '10000' });
  const base = `http://127.0.0.1:${API_PORT}`;
  const http = new HttpPool(base, {
    connections: 256,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const results: RateResult[] = [];
  try {
    const secret = loadConfig({ ...process.env, NODE_ENV: 'development' }).auth.jwtSecret!;
    const admin = await signPlatformToken({ secret, sub: crypto.randomUUID(), roles: ['admin'] });

    // Unmeasured, at the first rate: the figures are of a warmed-up process.
    const warmupCatalog = await scheduleCatalog(base, admin, RATES[0], WARMUP_S);
    const warmupVisitors = await signVisitors(secret, Math.ceil(RATES[0] * WARMUP_S * 2));
    await runRate(RATES[0], WARMUP_S, warmupVisitors, new Journey(http, newStats()), warmupCatalog);
    await vacuumAndAnalyze();

    const measure = async (rate: number): Promise<RateResult> => {
      const catalog = await scheduleCatalog(base, admin, rate, SECONDS);
      // Twice the expected arrivals: a Poisson process may run ahead of its mean.
      const visitors = await signVisitors(secret, Math.ceil(rate * SECONDS * 2));
      const steps = newStats();
      const run = await runRate(rate, SECONDS, visitors, new Journey(http, steps), catalog);
      const result = { rate, steps, ...run };
      results.push(result);
      printRate(result);
      return result;
    };
    for (const rate of RATES) {
      if (!passes(await measure(rate))) break;
    }
    // Between the last rate that passed and the first that did not, halve the gap REFINE times.
    let passed = results.filter(passes).at(-1)?.rate ?? 0;
    let failed = results.find((result) => !passes(result))?.rate;
    for (let i = 0; i < REFINE && failed !== undefined && passed > 0; i++) {
      const rate = Math.round((passed + failed) / 2);
      if (rate === passed || rate === failed) break;
      if (passes(await measure(rate))) passed = rate;
      else failed = rate;
    }
    results.sort((a, b) => a.rate - b.rate);
    const capacity = passed;
    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ` +
        `load average ${loadAtStart.join(' ')} at the start, ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} at the end; ${new Date().toISOString()}`,
    );
    console.log(
      `Redis: ${process.env.REDIS_URL ? 'yes' : 'no'}; Poisson arrivals, ${SECONDS} s per rate; ` +
        `API RSS ${await rssMiB(api.pid!)} MiB`,
    );
    console.table(
      results.map((result) => {
        const worst = worstP99(result);
        return {
          'visitors/s': result.rate,
          'requests/s': round(requestsOf(result) / result.seconds),
          'worst p99 ms': `${round(worst.p99)} (${worst.step})`,
          'expected 409s': totalOf(result, 'expected'),
          failures: totalOf(result, 'failures'),
          unfinished: result.unfinished,
          [`every p99 < ${P99_LIMIT_MS} ms`]: passes(result) ? 'yes' : 'no',
        };
      }),
    );
    console.log(
      `capacity: ${capacity} visitors/s (the highest rate tried with every step's p99 under ` +
        `${P99_LIMIT_MS} ms, failures under 1 % and every visit finished)`,
    );
    reportResult({
      bench: 'journey',
      figures: [
        {
          id: 'journey.capacity',
          label: `open-model journey: highest arrival rate with every step's p99 < ${P99_LIMIT_MS} ms`,
          value: capacity,
          unit: 'visitors/s',
        },
      ],
      notes: [`rates tried: ${results.map((r) => r.rate).join(', ')}; ${SECONDS} s each`],
    });
  } finally {
    await http.close();
    await stopProcess(api);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
