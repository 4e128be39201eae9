/* eslint-disable no-console */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import { ROOT, stopProcess } from '../lib/processes';
import { reportResult } from '../lib/result';
import { percentile, round } from '../lib/stats';

/**
 * Cold start of the built API: from spawning `node dist/apps/api/src/main.js` to the first 200
 * from /health/ready, STARTS times each
 *   1. against DATABASE_URL (schema already migrated),
 *   2. with the embedded Postgres (no DATABASE_URL), API alone and with `--with-worker` (what
 *      `npm start` runs once built), whose data directory, under
 *      BENCH_STARTUP_DATA_DIR, is already initialised (the first start there initialises it and
 *      is not measured),
 * beside the same for the bare Fastify ceiling server (what starting Node and Fastify costs).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:startup
 */
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const DATA_DIR = resolve(process.env.BENCH_STARTUP_DATA_DIR ?? '/tmp/bench-startup-data');
// Ports of their own (BENCH_STARTUP_PORTS=api,ceiling,postgres) when others run benchmarks too.
const [API_PORT, CEILING_PORT, EMBEDDED_PG_PORT] = (
  process.env.BENCH_STARTUP_PORTS ?? '3919,3917,54391'
)
  .split(',')
  .map(Number);
const POLL_MS = 10;

interface Started {
  child: ChildProcess;
  seconds: number;
}

/** Spawns an entry point and polls `readyUrl` every POLL_MS until it answers 200. */
async function timeToReady(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, [resolve(ROOT, entry), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = started + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    try {
      if ((await fetch(readyUrl)).status === 200) {
        return { child, seconds: (performance.now() - started) / 1000 };
      }
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${entry} not ready in 120 s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The environment of the API as an operator would start it, without the bench's own settings. */
function apiEnv(databaseUrl: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(API_PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    DATA_DIR,
    EMBEDDED_PG_PORT: String(EMBEDDED_PG_PORT),
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

async function startTimes(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const { child, seconds } = await timeToReady(entry, args, env, readyUrl);
    times.push(seconds);
    await stopProcess(child);
  }
  return times;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL');
  const api = 'dist/apps/api/src/main.js';
  const ready = `http://127.0.0.1:${API_PORT}/health/ready`;

  const ceiling = await startTimes(
    'dist/bench/lib/ceiling-server.js',
    [String(CEILING_PORT)],
    process.env,
    `http://127.0.0.1:${CEILING_PORT}/ping`,
  );
  const external = await startTimes(api, [], apiEnv(process.env.DATABASE_URL), ready);

  const embeddedEnv = apiEnv(undefined);
  if (!existsSync(join(DATA_DIR, 'postgres', 'PG_VERSION'))) {
    console.log(`initialising the embedded Postgres in ${DATA_DIR} (not measured)…`);
    const first = await timeToReady(api, [], embeddedEnv, ready);
    console.log(`first start, initialising and seeding: ${round(first.seconds, 2)} s`);
    await stopProcess(first.child);
  }
  const embedded = await startTimes(api, [], embeddedEnv, ready);
  // What `npm start` runs once built: the API with the worker in the same process.
  const npmStart = await startTimes(api, ['--with-worker'], embeddedEnv, ready);

  const median = (times: number[]) => round(percentile(times, 50), 2);
  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(`${STARTS} starts each, spawn → first 200 (polled every ${POLL_MS} ms)`);
  console.table(
    [
      ['bare Fastify (ceiling) → GET /ping', ceiling],
      ['API, DATABASE_URL → /health/ready', external],
      ['API, embedded Postgres (initialised) → /health/ready', embedded],
      ['API + worker (npm start), embedded Postgres (initialised)', npmStart],
    ].map(([scenario, times]) => ({
      scenario,
      'median s': median(times as number[]),
      'max s': round(Math.max(...(times as number[])), 2),
    })),
  );
  reportResult({
    bench: 'startup',
    figures: [
      {
        id: 'startup.external',
        label: 'cold start to /health/ready, DATABASE_URL (median)',
        value: median(external),
        unit: 's',
        ceiling: median(ceiling),
      },
      {
        id: 'startup.embedded',
        label: 'cold start to /health/ready, embedded Postgres initialised (median)',
        value: median(embedded),
        unit: 's',
        ceiling: median(ceiling),
      },
      {
        id: 'startup.npm-start',
        label:
          'cold start of npm start (API + worker) to /health/ready, embedded Postgres initialised (median)',
        value: median(npmStart),
        unit: 's',
        ceiling: median(ceiling),
      },
    ],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
