/* eslint-disable no-console */
import { mkdirSync } from 'node:fs';
import { Client } from 'pg';
import { join } from 'node:path';
import { startTestInfrastructure } from './infrastructure';
// after ./infrastructure, which registers the @app/* paths
import { generateSecrets, SECRET_NAMES } from '@app/config';
import { PROBLEM_LOG_DIR } from './utils/problem-log';

/**
 * Finds a real Postgres and Redis for the int and e2e projects: DATABASE_URL / REDIS_URL when
 * set, else testcontainers (needs Docker), else an embedded Postgres (Redis then stays absent
 * and the tests that need it are skipped, see test/utils/requirements.ts). Migrations run once
 * here. Files of the run go to one temporary folder (TEST_TMP_ROOT) that the teardown removes.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_INFRA_READY) return; // jest runs this once per project
  const infra = await startTestInfrastructure();
  process.env.DATABASE_URL = infra.databaseUrl;
  if (infra.redisUrl) process.env.REDIS_URL = infra.redisUrl;
  process.env.TEST_TMP_ROOT = infra.tmpRoot;
  // Test servers write down every problem they answer; the teardown checks each is documented.
  process.env[PROBLEM_LOG_DIR] = join(infra.tmpRoot, 'problems');
  mkdirSync(process.env[PROBLEM_LOG_DIR], { recursive: true });
  // One set of random secrets, so that the servers, workers and CLIs a test starts (each with a
  // DATA_DIR of its own) and the test itself agree on tokens and sealed data. Kept in the test
  // database beside the data they seal: a later run on the same database can still open it.
  const secrets = await testDatabaseSecrets(infra.databaseUrl);
  for (const name of SECRET_NAMES) process.env[name] ||= secrets[name];
  // Test servers and workers share one database: a worker's sweep of owed ticket mails would
  // mail every other test's bookings. An empty window turns it off; the tests of the sweep set
  // their own (and use a database of their own).
  process.env.TICKET_MAIL_SWEEP_AFTER_SECONDS ||= '3600';
  process.env.TICKET_MAIL_SWEEP_WINDOW_HOURS ||= '1';
  process.env.TEST_INFRA_READY = '1';
  (globalThis as Record<string, unknown>).__TEST_INFRA__ = infra;
  console.log(
    `\n[test] postgres: ${infra.databaseSource}; redis: ${infra.redisSource}` +
      (infra.redisUrl ? '' : ' (tests that need Redis are skipped)'),
  );
}

async function testDatabaseSecrets(databaseUrl: string): Promise<Record<string, string>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      'CREATE TABLE IF NOT EXISTS test_run_secrets (name text PRIMARY KEY, value text NOT NULL)',
    );
    const fresh = generateSecrets();
    await db.query(
      `INSERT INTO test_run_secrets (name, value)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (name) DO NOTHING`,
      [Object.keys(fresh), Object.values(fresh)],
    );
    const { rows } = await db.query<{ name: string; value: string }>(
      'SELECT name, value FROM test_run_secrets',
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  } finally {
    await db.end();
  }
}
