import { Pool } from 'pg';

/**
 * Refreshes the planner's statistics of the bench database, as autovacuum's analyze would on a
 * production server a minute into such load. Postgres on the bench machine may run with
 * autovacuum off (this workplace's does): tables filled since their creation then have no
 * statistics, and the plans chosen for them (a partial index scanned whole to find one hold)
 * grow slower with every row, which says nothing about the service.
 */
export async function analyzeDatabase(connectionString = process.env.DATABASE_URL): Promise<void> {
  const pool = new Pool({ connectionString, max: 1 });
  try {
    await pool.query('ANALYZE');
  } finally {
    await pool.end();
  }
}
