import { Pool } from 'pg';

/**
 * Vacuums the bench database and refreshes the planner's statistics, as autovacuum would on a
 * production server a minute into such load. Postgres on the bench machine may run with
 * autovacuum off (this workplace's does): tables filled since their creation then have no
 * statistics, and the plans chosen for them (a partial index scanned whole to find one hold)
 * grow slower with every row; and rows deleted by an earlier run (bench:bookings' million
 * history rows) stay behind as dead tuples that every later write and index scan wades through.
 * Neither says anything about the service.
 */
export async function vacuumAndAnalyze(connectionString = process.env.DATABASE_URL): Promise<void> {
  const pool = new Pool({ connectionString, max: 1 });
  try {
    await pool.query('VACUUM ANALYZE');
  } finally {
    await pool.end();
  }
}
