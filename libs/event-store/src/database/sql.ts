import type { Pool, PoolClient, QueryResultRow } from 'pg';

export const PG_POOL = Symbol('PG_POOL');

/** Anything that can run a query: the pool or a client inside a transaction. */
export interface SqlExecutor {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
  /** A named statement: parsed once per connection, then only its values are sent. */
  query<R extends QueryResultRow = QueryResultRow>(statement: {
    name: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: R[]; rowCount: number | null }>;
}

const statementNames = new Map<string, string>();

/**
 * A named statement for `text`: a hot statement's text (kilobytes, with folded projections) is
 * then sent and parsed once per connection instead of with every call.
 */
export function namedStatement(text: string, values: unknown[]) {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

export type TransactionClient = PoolClient;

/** Runs `work` in a transaction on its own connection; commits on success, rolls back on throw. */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: TransactionClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A connection that dies mid-transaction (a terminated backend, a failover) is reported as
  // this transaction's failure, not as an unhandled 'error' event, and is never reused.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => {
      broken ??= rollbackFailed;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
