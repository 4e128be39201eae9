/* eslint-disable no-console */
import { readFileSync } from 'node:fs';

/**
 * The worker container's health check: `node dist/apps/worker/src/healthcheck.js`, exit 0 when
 * healthy. The worker serves no HTTP, so the probe, which Docker runs inside the worker's
 * container and hence in its network namespace, looks for what a running worker always holds:
 * an established TCP connection to the Postgres of DATABASE_URL (its event-log LISTEN
 * connection, reopened within a second or so when lost). None means the process is gone or has
 * lost the database for good. Redis is not checked: without it the worker runs degraded, by
 * design, as `/health/ready` of the API treats it.
 */

/** TCP state ESTABLISHED in /proc/net/tcp{,6}. */
const ESTABLISHED = '01';

/** Whether a /proc/net/tcp or /proc/net/tcp6 table lists an established connection to `port`. */
export function hasEstablishedConnection(table: string, port: number): boolean {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  return table
    .split('\n')
    .slice(1)
    .some((line) => {
      // sl local_address rem_address st …; addresses are HEXIP:HEXPORT
      const [, , remote, state] = line.trim().split(/\s+/);
      return state === ESTABLISHED && remote !== undefined && remote.endsWith(`:${portHex}`);
    });
}

/** The port a postgres:// URL points at (5432 when it names none). */
export function postgresPort(databaseUrl: string): number {
  return Number(new URL(databaseUrl).port || 5432);
}

function main(): void {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('unhealthy: DATABASE_URL is not set');
    process.exit(1);
  }
  const port = postgresPort(databaseUrl);
  const connected = ['/proc/net/tcp', '/proc/net/tcp6'].some((file) => {
    try {
      return hasEstablishedConnection(readFileSync(file, 'utf8'), port);
    } catch {
      return false; // no IPv6 in this namespace
    }
  });
  if (!connected) {
    console.error(`unhealthy: no established connection to Postgres (port ${port})`);
    process.exit(1);
  }
  console.log(`healthy: connected to Postgres (port ${port})`);
}

if (require.main === module) main();
