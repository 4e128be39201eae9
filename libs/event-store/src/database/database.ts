import { Pool, types } from 'pg';

// bigint columns (global positions, counts) come back as strings by default; ours fit in a double.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export interface DatabaseOptions {
  connectionString: string;
  poolSize?: number;
  applicationName?: string;
}

export function createPool(options: DatabaseOptions): Pool {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'bus-booking',
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
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
