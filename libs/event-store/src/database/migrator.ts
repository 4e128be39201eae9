import type { Pool } from 'pg';
import { inTransaction } from './sql';

export interface Migration {
  /** Unique and sortable, e.g. `0001_event_store`. Never rename one that has shipped. */
  id: string;
  sql: string;
}

const MIGRATION_LOCK = 72_410_001;

/** Applies pending migrations in id order, each in its own transaction, one process at a time. */
export async function runMigrations(
  pool: Pool,
  migrations: readonly Migration[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`Duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  const ordered = [...migrations].sort((a, b) => a.id.localeCompare(b.id));
  const lockClient = await pool.connect();
  const applied: string[] = [];
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await lockClient.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         id text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await lockClient.query<{ id: string }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    for (const migration of ordered) {
      if (done.has(migration.id)) continue;
      await inTransaction(pool, async (client) => {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      });
      applied.push(migration.id);
    }
  } finally {
    await lockClient
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
      .catch(() => undefined);
    lockClient.release();
  }
  return applied;
}
