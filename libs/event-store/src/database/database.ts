import { Pool, types } from 'pg';

// bigint columns (global positions, counts) come back as strings by default; ours fit in a double.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export interface DatabaseOptions {
  connectionString: string;
  poolSize?: number;
  applicationName?: string;
}

/** The settings of every pool: the DataSource's (see data-source.ts) and the tests' own. */
export const POOL_DEFAULTS = {
  max: 10,
  application_name: 'bus-booking',
  connectionTimeoutMillis: 5000,
  idleTimeoutMillis: 30_000,
} as const;

/**
 * A bare pool with the DataSource's settings, for tests and tools that wire the event store by
 * hand. A running service gets its one pool from the DataSource instead (`PG_POOL`).
 */
export function createPool(options: DatabaseOptions): Pool {
  const pool = new Pool({
    ...POOL_DEFAULTS,
    connectionString: options.connectionString,
    max: options.poolSize ?? POOL_DEFAULTS.max,
    application_name: options.applicationName ?? POOL_DEFAULTS.application_name,
  });
  pool.on('error', () => undefined);
  return surviveLostConnections(pool);
}

/**
 * A client losing its connection (a terminated backend, a failover) must not end the process.
 * An idle one is reported on the pool (give it an 'error' listener too), which replaces it; one
 * checked out and between two queries emits 'error' on itself: with this listener its next query
 * fails instead, and the pool drops it on release. Every pool of the process gets it.
 */
export function surviveLostConnections(pool: Pool): Pool {
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export async function isDatabaseReachable(pool: Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
