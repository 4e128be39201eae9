import { randomUUID } from 'node:crypto';
import { NO_STREAM, RecordedEvent } from '../event';
import { createTestEventStore } from '../event-store.test-utils';
import { SqlExecutor } from '../database/sql';
import { InlineProjection } from './inline-projection';

/** Balances per account, idempotent by stream position. Its own table, so other tests are untouched. */
function balancesProjection(table: string, eventType: string): InlineProjection {
  return {
    name: `balances-${table}`,
    handles: [eventType],
    async apply(events: readonly RecordedEvent[], sql: SqlExecutor) {
      for (const e of events) {
        await sql.query(
          `INSERT INTO ${table} (account, balance, version) VALUES ($1, $2, $3)
           ON CONFLICT (account) DO UPDATE SET balance = ${table}.balance + EXCLUDED.balance, version = EXCLUDED.version
           WHERE ${table}.version < EXCLUDED.version`,
          [e.streamId, (e.data as { amount: number }).amount, e.streamPosition],
        );
      }
    },
    async reset(sql: SqlExecutor) {
      await sql.query(`TRUNCATE ${table}`);
    },
  };
}

describe('inline projections', () => {
  const es = createTestEventStore();
  const table = `test_balances_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const eventType = `Deposited_${table}`;
  const projection = balancesProjection(table, eventType);

  beforeAll(async () => {
    await es.pool.query(
      `CREATE TABLE ${table} (account text PRIMARY KEY, balance int NOT NULL, version int NOT NULL)`,
    );
    es.projections.register(projection);
  });
  afterAll(async () => {
    try {
      await es.pool.query(`DROP TABLE IF EXISTS ${table}`);
    } finally {
      await es.close();
    }
  });

  const snapshot = async () =>
    (await es.pool.query(`SELECT account, balance, version FROM ${table} ORDER BY account`)).rows;

  it('updates the read model in the append’s transaction, and a rolled-back append leaves no trace', async () => {
    const account = `account-${randomUUID()}`;
    await es.store.append(account, NO_STREAM, [{ type: eventType, data: { amount: 5 } }]);
    expect(await snapshot()).toContainEqual({ account, balance: 5, version: 1 });

    await expect(
      es.store.append(account, NO_STREAM, [{ type: eventType, data: { amount: 7 } }]),
    ).rejects.toThrow();
    expect(await snapshot()).toContainEqual({ account, balance: 5, version: 1 });
  });

  it('ends in the same state when replayed from the log, twice', async () => {
    const accounts = Array.from({ length: 5 }, () => `account-${randomUUID()}`);
    for (const [i, account] of accounts.entries()) {
      await es.store.append(account, NO_STREAM, [
        { type: eventType, data: { amount: i + 1 } },
        { type: eventType, data: { amount: 10 } },
      ]);
      await es.store.append(account, 2, [{ type: eventType, data: { amount: 100 } }]);
    }
    const live = await snapshot();

    await es.rebuilder.rebuild(projection.name);
    const once = await snapshot();
    await es.rebuilder.rebuild(projection.name);
    const twice = await snapshot();

    expect(once).toEqual(live);
    expect(twice).toEqual(live);

    // Applying the same events again on top changes nothing either.
    const events = await es.store.readAll({ types: [eventType], limit: 10_000 });
    await projection.apply(events, es.pool);
    expect(await snapshot()).toEqual(live);
  });
});
