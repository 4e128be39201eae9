/* eslint-disable no-console */
import { cpus } from 'node:os';
import { Pool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { signPlatformToken } from '@app/auth';
import { loadConfig } from '@app/config';
import { createBenchTrip, startApi } from '../lib/api';
import {
  cpuSeconds,
  postgresCpuSeconds,
  rssMiB,
  startProcess,
  stopProcess,
} from '../lib/processes';
import { Figure, reportResult } from '../lib/result';
import { percentile, round } from '../lib/stats';
import { vacuumAndAnalyze } from '../lib/vacuum';

/**
 * Bookings under load, against the API in its own process (DATABASE_URL, REDIS_URL):
 * 1. USERS concurrent users over TRIPS trips, each looping lock → book → confirm → cancel on
 *    1–2 random seats (cancelling frees the seats for the next round); p50/p99 per step.
 *    Then each step alone: every seat of those trips locked, then booked, then confirmed, then
 *    cancelled, USERS requests at a time, for the API's and Postgres' CPU per request of each.
 * 2. History pages of one user with 10,000 bookings among 1,000,000 (seeded straight into the
 *    bookings read model: the read path is what is measured), first and deep pages.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npm run bench:bookings
 */
const USERS = Number(process.env.BENCH_USERS ?? 50);
const TRIPS = Number(process.env.BENCH_TRIPS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const TOTAL_BOOKINGS = Number(process.env.BENCH_TOTAL_BOOKINGS ?? 1_000_000);
const SEED_CHUNK = 50_000;
const USER_BOOKINGS = Number(process.env.BENCH_USER_BOOKINGS ?? 10_000);
const API_PORT = 3915;
const CEILING_PORT = 3918;
const STEPS = ['lock', 'book', 'confirm', 'cancel'] as const;
type Step = (typeof STEPS)[number];

const passenger = (seatNumber: string, n: number) => ({
  seatNumber,
  fullName: 'Nguyễn Thị Ánh',
  idType: 'citizen_id',
  idNumber: String(100000000000 + n),
  phone: `+8491${String(n % 10_000_000).padStart(7, '0')}`,
  passengerType: n % 3 === 0 ? 'child' : 'adult',
});

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (and REDIS_URL)');
  const ceiling = await measureCeiling();
  const api = await startApi(API_PORT, { BOOKING_RATE_LIMIT_PER_MINUTE: '10000' });
  const base = `http://127.0.0.1:${API_PORT}`;
  const http = new HttpPool(base, { connections: USERS + 10 });
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  try {
    const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
    const sign = (roles: ('user' | 'admin')[], sub: string = crypto.randomUUID()) =>
      signPlatformToken({ secret: config.auth.jwtSecret!, sub, roles });
    const adminToken = await sign(['admin']);
    const trips = await Promise.all(
      Array.from({ length: TRIPS }, () => createBenchTrip(base, adminToken)),
    );
    const tokens = await Promise.all(Array.from({ length: USERS }, () => sign(['user'])));

    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await http.request({
        method: method as 'GET',
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.body.text();
      return { status: response.statusCode, body: text ? JSON.parse(text) : undefined };
    };
    const requests = flowRequests(call);

    // 1. The booking flow.
    const latencies: Record<Step, number[]> = { lock: [], book: [], confirm: [], cancel: [] };
    const errors = new Map<string, number>();
    let flows = 0;
    let conflicts = 0;
    // A warm-up runs the same flow unmeasured first: the figures are of a warmed-up process.
    let measuring = false;
    const timed = async <T>(step: Step, run: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const result = await run();
      if (measuring) latencies[step].push(performance.now() - t0);
      return result;
    };
    const fail = (what: string) => measuring && errors.set(what, (errors.get(what) ?? 0) + 1);
    const runFlows = (seconds: number) => {
      const deadline = performance.now() + seconds * 1000;
      return Promise.all(
        tokens.map(async (token) => {
          while (performance.now() < deadline) {
            const tripId = trips[Math.floor(Math.random() * trips.length)];
            const count = 1 + Math.floor(Math.random() * 2);
            const seats = [
              ...new Set(
                Array.from({ length: count }, () => `S${1 + Math.floor(Math.random() * 40)}`),
              ),
            ];
            const lock = await timed('lock', () => requests.lock(token, tripId, seats));
            if (lock.status === 409) {
              if (measuring) conflicts++;
              continue;
            }
            if (lock.status !== 201) {
              fail(`lock ${lock.status} ${lock.body?.code}`);
              continue;
            }
            const book = await timed('book', () => requests.book(token, tripId, seats));
            if (book.status !== 201) {
              fail(`book ${book.status} ${book.body?.code}`);
              continue;
            }
            const bookingId = book.body.bookingId as string;
            const confirm = await timed('confirm', () => requests.confirm(token, bookingId));
            if (confirm.status !== 200) fail(`confirm ${confirm.status} ${confirm.body?.code}`);
            const cancel = await timed('cancel', () => requests.cancel(token, bookingId));
            if (cancel.status !== 200) fail(`cancel ${cancel.status} ${cancel.body?.code}`);
            else if (measuring) flows++;
          }
        }),
      );
    };
    await runFlows(WARMUP_S);
    await vacuumAndAnalyze();
    measuring = true;
    const started = performance.now();
    // The API's CPU per flow is less at the mercy of other load on the machine than flows/s.
    const cpuBefore = await cpuSeconds(api.pid!);
    const postgresCpuBefore = await postgresCpuSeconds();
    await runFlows(DURATION_S);
    const apiCpu = (await cpuSeconds(api.pid!)) - cpuBefore;
    const postgresCpuAfter = await postgresCpuSeconds();
    // Postgres' share of a flow, when it runs on this machine: with the API's, what a flow costs.
    const postgresCpu =
      postgresCpuBefore === undefined || postgresCpuAfter === undefined
        ? undefined
        : postgresCpuAfter - postgresCpuBefore;
    const seconds = (performance.now() - started) / 1000;
    const stepCosts = await measureStepsAlone(api.pid!, trips, tokens, requests);

    // 2. History pages.
    const reader = crypto.randomUUID();
    const readerToken = await sign(['user'], reader);
    const seeded = await seedHistory(pool, trips[0], reader, readerToken, call);
    const depths = [0, 100, 1_000, 5_000, USER_BOOKINGS - 20];
    const pages: Record<string, number[]> = {};
    for (const [readers, perReader] of [
      [1, 100],
      [10, 30],
    ]) {
      for (const offset of depths) {
        const key = `${readers}:${offset}`;
        pages[key] = [];
        await Promise.all(
          Array.from({ length: readers }, async () => {
            for (let i = 0; i < perReader; i++) {
              const t0 = performance.now();
              const page = await call(
                readerToken,
                'GET',
                `/users/${reader}/bookings?limit=20&offset=${offset}&sort=departureAt&order=desc`,
              );
              pages[key].push(performance.now() - t0);
              if (page.status !== 200 || page.body.items.length !== 20) {
                fail(`history ${page.status} ${page.body?.items?.length}`);
              }
            }
          }),
        );
      }
    }

    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
    );
    console.log(
      `Redis: ${process.env.REDIS_URL ? 'yes' : 'no'}; ${USERS} users over ${TRIPS} trips of 40 seats, ${DURATION_S} s`,
    );
    console.log(
      `flows (lock → book → confirm → cancel): ${flows} in ${round(seconds)} s = ${round(flows / seconds)} flows/s, ` +
        `${round((4 * flows) / seconds)} requests/s; lock conflicts (409): ${conflicts}; ` +
        `API CPU ${round((1000 * apiCpu) / flows, 2)} ms per flow` +
        (postgresCpu === undefined
          ? ''
          : `, Postgres CPU ${round((1000 * postgresCpu) / flows, 2)} ms per flow`),
    );
    console.table([
      ...STEPS.map((step) => ({
        step,
        count: latencies[step].length,
        'p50 ms': round(percentile(latencies[step], 50)),
        'p99 ms': round(percentile(latencies[step], 99)),
      })),
      {
        step: `ceiling: ${round(ceiling.flowsPerSecond)} flows/s of 4 × GET /ping`,
        count: ceiling.latencies.length,
        'p50 ms': round(percentile(ceiling.latencies, 50)),
        'p99 ms': round(percentile(ceiling.latencies, 99)),
      },
    ]);
    console.log(
      `each step alone, ${USERS} requests at a time: CPU per request (the flow's seats, one a booking)`,
    );
    console.table(
      stepCosts.map((cost) => ({
        step: cost.step,
        requests: cost.requests,
        refused: cost.refused,
        'API CPU ms': round(cost.apiMs, 3),
        'Postgres CPU ms': cost.postgresMs === undefined ? '' : round(cost.postgresMs, 3),
      })),
    );
    console.log(
      `history: one user with ${USER_BOOKINGS} bookings among ${seeded} in the read model; pages of 20, 1 reader × 100 and 10 readers × 30 per depth`,
    );
    console.table(
      depths.map((offset) => ({
        offset,
        '1 reader p50 ms': round(percentile(pages[`1:${offset}`], 50)),
        '1 reader p99 ms': round(percentile(pages[`1:${offset}`], 99)),
        '10 readers p50 ms': round(percentile(pages[`10:${offset}`], 50)),
        '10 readers p99 ms': round(percentile(pages[`10:${offset}`], 99)),
      })),
    );
    console.log(
      `errors: ${errors.size ? JSON.stringify(Object.fromEntries(errors)) : 'none'}; API RSS: ${await rssMiB(api.pid!)} MiB`,
    );
    const ceilingP99 = round(percentile(ceiling.latencies, 99));
    reportResult({
      bench: 'bookings',
      figures: [
        {
          id: 'flow.rate',
          label: `lock → book → confirm → cancel, ${USERS} users over ${TRIPS} trips`,
          value: round(flows / seconds),
          unit: 'flows/s',
          ceiling: round(ceiling.flowsPerSecond),
        },
        {
          id: 'flow.api-cpu',
          label: 'API CPU per flow (4 requests)',
          value: round((1000 * apiCpu) / flows, 2),
          unit: 'ms',
        },
        ...(postgresCpu === undefined
          ? []
          : ([
              {
                id: 'flow.postgres-cpu',
                label: 'Postgres CPU per flow (its processes on this machine)',
                value: round((1000 * postgresCpu) / flows, 2),
                unit: 'ms',
              },
            ] satisfies Figure[])),
        ...STEPS.map((step) => ({
          id: `flow.${step}.p99`,
          label: `${step} p99 (in the flow)`,
          value: round(percentile(latencies[step], 99)),
          unit: 'ms' as const,
          ceiling: ceilingP99,
        })),
        ...stepCosts.flatMap((cost): Figure[] => [
          {
            id: `steps.${cost.step}.api-cpu`,
            label: `${cost.step} alone: API CPU per request`,
            value: round(cost.apiMs, 3),
            unit: 'ms',
          },
          ...(cost.postgresMs === undefined
            ? []
            : [
                {
                  id: `steps.${cost.step}.postgres-cpu`,
                  label: `${cost.step} alone: Postgres CPU per request`,
                  value: round(cost.postgresMs, 3),
                  unit: 'ms' as const,
                },
              ]),
        ]),
        {
          id: 'history.p99',
          label: `history page p99, 1 reader, deepest page (offset ${depths.at(-1)})`,
          value: round(percentile(pages[`1:${depths.at(-1)}`], 99)),
          unit: 'ms',
          ceiling: ceilingP99,
        },
      ],
      notes: errors.size ? [`errors: ${JSON.stringify(Object.fromEntries(errors))}`] : [],
    });
  } finally {
    if (!process.env.BENCH_KEEP) {
      await pool.query(
        `DELETE FROM bookings WHERE reference LIKE 'BENCHF%' OR reference LIKE 'BENCHH%'`,
      );
      // The million dead rows would otherwise slow every booking written after this bench (the
      // tickets bench's, in npm run bench) until something vacuums them.
      await pool.query('VACUUM ANALYZE bookings');
    }
    await pool.end();
    await http.close();
    await stopProcess(api);
  }
}

interface StepCost {
  step: Step;
  requests: number;
  /** Requests not answered 2xx (a seat still held by a failed flow's user): left out after. */
  refused: number;
  apiMs: number;
  postgresMs?: number;
}

type Call = (
  token: string,
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

/** The flow's four requests, as the flow and each step alone send them. */
function flowRequests(call: Call) {
  let n = 0;
  return {
    lock: (token: string, tripId: string, seatNumbers: string[]) =>
      call(token, 'POST', '/seats/lock', { tripId, seatNumbers }),
    book: (token: string, tripId: string, seatNumbers: string[]) =>
      call(token, 'POST', '/bookings', {
        tripId,
        seatNumbers,
        passengers: seatNumbers.map((seat) => passenger(seat, n++)),
        contact: { email: 'bench@example.com', phone: '+84912000111' },
      }),
    confirm: (token: string, bookingId: string) =>
      call(token, 'POST', `/bookings/${bookingId}/confirm`, {
        paymentReference: `PAY-${bookingId}`,
        paymentMethod: 'card',
      }),
    cancel: (token: string, bookingId: string) =>
      call(token, 'DELETE', `/bookings/${bookingId}?reason=bench`),
  };
}

/**
 * What each step of the flow costs on its own: every seat of `trips` locked (one a hold), then
 * each booked, confirmed and cancelled, USERS requests in flight, the API's and Postgres' CPU
 * read around each step. The flow's figures are of the four mixed and racing for the same
 * trips; these say which step to look at. Any seat refused (a hold left by a failed flow) is
 * left out of the later steps.
 */
async function measureStepsAlone(
  apiPid: number,
  trips: string[],
  tokens: string[],
  requests: ReturnType<typeof flowRequests>,
): Promise<StepCost[]> {
  const seats = trips.flatMap((tripId) =>
    Array.from({ length: 40 }, (_, i) => ({ tripId, seat: `S${i + 1}` })),
  );
  // Spread over the trips as the flow's users are: in trip order, holds would batch far more.
  for (let i = seats.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [seats[i], seats[j]] = [seats[j], seats[i]];
  }
  let booked: { tripId: string; seat: string; token: string; bookingId?: string }[] = seats.map(
    (job, i) => ({ ...job, token: tokens[i % tokens.length] }),
  );
  const answered: Record<Step, (job: (typeof booked)[number]) => Promise<boolean>> = {
    lock: async (job) => (await requests.lock(job.token, job.tripId, [job.seat])).status === 201,
    book: async (job) => {
      const book = await requests.book(job.token, job.tripId, [job.seat]);
      job.bookingId = book.body?.bookingId;
      return book.status === 201;
    },
    confirm: async (job) => (await requests.confirm(job.token, job.bookingId!)).status === 200,
    cancel: async (job) => (await requests.cancel(job.token, job.bookingId!)).status === 200,
  };
  const costs: StepCost[] = [];
  for (const step of STEPS) {
    const jobs = booked;
    const done: typeof booked = [];
    let next = 0;
    const cpuBefore = await cpuSeconds(apiPid);
    const postgresBefore = await postgresCpuSeconds();
    await Promise.all(
      Array.from({ length: USERS }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          if (await answered[step](job)) done.push(job);
        }
      }),
    );
    const apiSeconds = (await cpuSeconds(apiPid)) - cpuBefore;
    const postgresAfter = await postgresCpuSeconds();
    costs.push({
      step,
      requests: jobs.length,
      refused: jobs.length - done.length,
      apiMs: (1000 * apiSeconds) / jobs.length,
      postgresMs:
        postgresBefore === undefined || postgresAfter === undefined
          ? undefined
          : (1000 * (postgresAfter - postgresBefore)) / jobs.length,
    });
    booked = done;
  }
  return costs;
}

/**
 * The same client loop (USERS users, four requests in a row per flow) against a bare Fastify
 * route: the most flows/s this machine serves with this client, and the per-request p99.
 */
async function measureCeiling(): Promise<{ flowsPerSecond: number; latencies: number[] }> {
  const server = await startProcess(
    'dist/bench/lib/ceiling-server.js',
    [String(CEILING_PORT)],
    {},
    `http://127.0.0.1:${CEILING_PORT}/ping`,
  );
  const http = new HttpPool(`http://127.0.0.1:${CEILING_PORT}`, { connections: USERS });
  const latencies: number[] = [];
  let flows = 0;
  try {
    const started = performance.now();
    const deadline = started + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: USERS }, async () => {
        while (performance.now() < deadline) {
          for (let step = 0; step < STEPS.length; step++) {
            const t0 = performance.now();
            await (await http.request({ method: 'GET', path: '/ping' })).body.text();
            latencies.push(performance.now() - t0);
          }
          flows++;
        }
      }),
    );
    return { flowsPerSecond: flows / ((performance.now() - started) / 1000), latencies };
  } finally {
    await http.close();
    await stopProcess(server);
  }
}

/**
 * One real booking made through the API is the template of the reader's USER_BOOKINGS rows
 * (same trip, fresh ids, references and dates); the others' rows fill the table up to
 * TOTAL_BOOKINGS. Returns the number of rows in the read model.
 */
async function seedHistory(
  pool: Pool,
  tripId: string,
  reader: string,
  readerToken: string,
  call: (token: string, method: string, path: string, body?: unknown) => Promise<any>,
): Promise<number> {
  const lock = await call(readerToken, 'POST', '/seats/lock', { tripId, seatNumbers: ['S40'] });
  if (lock.status !== 201) throw new Error(`seed lock: ${JSON.stringify(lock.body)}`);
  const template = await call(readerToken, 'POST', '/bookings', {
    tripId,
    seatNumbers: ['S40'],
    passengers: [passenger('S40', 1)],
    contact: { email: 'reader@example.com', phone: '+84912000222' },
  });
  if (template.status !== 201) throw new Error(`seed booking: ${JSON.stringify(template.body)}`);
  const started = performance.now();
  await pool.query(
    `INSERT INTO bookings (id, reference, trip_id, owner_kind, owner_id, status, payment_status,
                           seat_numbers, total_amount, currency, contact_email_index,
                           contact_phone_index, departure_at, arrival_at, created_at, expires_at,
                           updated_at, version, document)
     SELECT s.id, 'BENCHH' || s.tag, b.trip_id, 'user', $2,
            (ARRAY['confirmed','completed','cancelled'])[1 + s.g % 3], 'completed', b.seat_numbers,
            b.total_amount, b.currency, b.contact_email_index, b.contact_phone_index,
            b.departure_at - s.g * interval '1 hour', b.arrival_at - s.g * interval '1 hour',
            b.created_at - s.g * interval '1 hour', b.expires_at, b.updated_at, b.version,
            b.document || jsonb_build_object('bookingId', s.id, 'reference', 'BENCHH' || s.tag)
       FROM bookings b,
            (SELECT gen_random_uuid() AS id, g, substr(md5($2 || g), 1, 12) AS tag
               FROM generate_series(1, $3::int - 1) g) s
      WHERE b.id = $1`,
    [template.body.bookingId, reader, USER_BOOKINGS],
  );
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM bookings');
  const missing = TOTAL_BOOKINGS - Number(rows[0].n);
  // In chunks, each its own transaction: one long insert would hold back the snapshot xmin of
  // the whole cluster, and every event subscription (of any database on it) would wait for it.
  for (let done = 0; done < missing; done += SEED_CHUNK) {
    await pool.query(
      `INSERT INTO bookings (id, reference, trip_id, owner_kind, owner_id, status, payment_status,
                             seat_numbers, total_amount, currency, contact_email_index,
                             contact_phone_index, departure_at, arrival_at, created_at,
                             expires_at, updated_at, version, document)
       SELECT gen_random_uuid(), 'BENCHF' || lpad(g::text, 12, '0'), gen_random_uuid(), 'user',
              'bench-' || (g % 100000), 'completed', 'completed', ARRAY['S1'], 300000, 'VND',
              md5(g::text), md5((g + 1)::text), now() - g * interval '1 minute',
              now() - g * interval '1 minute' + interval '6 hours', now(), now(), now(), 1,
              '{}'::jsonb
         FROM generate_series($1::int + 1, $1::int + $2::int) g`,
      [done, Math.min(SEED_CHUNK, missing - done)],
    );
  }
  await pool.query('VACUUM ANALYZE bookings');
  console.log(`seeded the read model in ${round((performance.now() - started) / 1000)} s`);
  return Math.max(TOTAL_BOOKINGS, Number(rows[0].n));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
