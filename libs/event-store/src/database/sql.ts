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

/** SQLSTATE classes of a lost or refused database connection (57P01: terminated by an admin). */
const CONNECTION_LOST = /^(08|57P0[123])/;

/**
 * A database connection lost mid-request (a terminated backend, a failover, a restart): the
 * request may be retried, unlike a fault of ours. Checked on the error and on what TypeORM wraps.
 */
export function isConnectionLoss(error: unknown): boolean {
  for (const e of [error, (error as { driverError?: unknown })?.driverError]) {
    if (!(e instanceof Error)) continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_LOST.test(code)) return true;
    if (
      /^(Connection terminated|Client has encountered a connection error)|timeout exceeded when trying to connect/.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
