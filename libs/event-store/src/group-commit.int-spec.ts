import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from './concurrency.error';
import { NO_STREAM } from './event';
import { createTestEventStore } from './event-store.test-utils';

/**
 * Appends of several callers that wait while the store's statements are in flight share one
 * statement: each caller still gets the answer it would have had alone.
 */
describe('PostgresEventStore group commit', () => {
  const es = createTestEventStore(10);
  afterAll(() => es.close());

  // A folded projection with a unique key: a second append with the same key is refused.
  es.projections.register({
    name: 'test-group-keys',
    handles: ['TestKeyClaimed'],
    fold: (_events, _param, _known, append) => [
      `INSERT INTO test_group_keys (key) SELECT data->>'key' FROM ${append.inserted}`,
    ],
    apply: () => Promise.reject(new Error('folded, never applied')),
    reset: async () => undefined,
  });
  // Terminates the connection that runs the statement: its outcome is unknown to the client.
  es.projections.register({
    name: 'test-group-connection-killer',
    handles: ['TestConnectionKilledMidStatement'],
    // A data-modifying CTE, so that Postgres runs it (a SELECT no one reads is skipped).
    fold: () => [
      `INSERT INTO test_group_keys (key) SELECT pg_terminate_backend(pg_backend_pid())::text`,
    ],
    apply: () => Promise.reject(new Error('folded, never applied')),
    reset: async () => undefined,
  });
  beforeAll(() =>
    es.pool.query('CREATE TABLE IF NOT EXISTS test_group_keys (key text PRIMARY KEY)'),
  );

  const stream = () => `test-group-${randomUUID()}`;
  const opened = (correlationId = randomUUID()) =>
    es.store.append(stream(), NO_STREAM, [{ type: 'TestOpened', data: {} }], {
      metadata: { correlationId },
    });
  /** Two appends that take the store's statements in flight, so the next ones wait together. */
  const occupy = () => [opened(), opened()];

  it('commits appends waiting together in fewer transactions, each with its own metadata', async () => {
    const callers = Array.from({ length: 12 }, () => ({
      streamId: stream(),
      correlationId: randomUUID(),
    }));
    const results = await Promise.all(
      callers.map(({ streamId, correlationId }) =>
        es.store.append(streamId, NO_STREAM, [{ type: 'TestOpened', data: { streamId } }], {
          metadata: { correlationId },
        }),
      ),
    );
    expect(results.map((r) => r.nextExpectedVersion)).toEqual(callers.map(() => 1));
    const stored = await Promise.all(callers.map(({ streamId }) => es.store.readStream(streamId)));
    stored.forEach(([event], i) => {
      expect(event.data).toEqual({ streamId: callers[i].streamId });
      expect(event.metadata.correlationId).toBe(callers[i].correlationId);
      expect(event).toEqual(results[i].events[0]);
    });
    const transactions = new Set(stored.map(([event]) => event.transactionId));
    expect(transactions.size).toBeLessThan(callers.length);
  });

  it('refuses only the append whose stream moved on; the others waiting with it are committed', async () => {
    const moved = stream();
    await es.store.append(moved, NO_STREAM, [{ type: 'TestOpened', data: {} }]);
    const busy = occupy();
    const others = [stream(), stream(), stream()];
    const stale = es.store.append(moved, NO_STREAM, [{ type: 'TestOpened', data: {} }]);
    const fresh = others.map((streamId) =>
      es.store.append(streamId, NO_STREAM, [{ type: 'TestOpened', data: {} }]),
    );
    const [refused] = await Promise.allSettled([stale, ...busy]);
    expect(refused.status).toBe('rejected');
    const reason = (refused as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ConcurrencyError);
    expect(reason).toMatchObject({ streamId: moved, actualVersion: 1 });
    expect((await Promise.all(fresh)).map((r) => r.nextExpectedVersion)).toEqual([1, 1, 1]);
    expect(await es.store.readStream(moved)).toHaveLength(1);
  });

  it('never puts two appends to one stream in one statement: exactly one of them wins', async () => {
    const contested = stream();
    const busy = occupy();
    const racing = Array.from({ length: 4 }, (_, i) =>
      es.store.append(contested, NO_STREAM, [{ type: 'TestOpened', data: { i } }]),
    );
    const outcomes = await Promise.allSettled(racing);
    await Promise.all(busy);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    }
    expect(await es.store.readStream(contested)).toHaveLength(1);
  });

  it("answers a unique key taken as it would alone, and commits the others' appends", async () => {
    const key = randomUUID();
    const busy = occupy();
    const first = es.store.append(stream(), NO_STREAM, [{ type: 'TestKeyClaimed', data: { key } }]);
    const second = es.store.append(stream(), NO_STREAM, [
      { type: 'TestKeyClaimed', data: { key } },
    ]);
    const bystander = es.store.append(stream(), NO_STREAM, [{ type: 'TestOpened', data: {} }]);
    const [claimed, refused, appended] = await Promise.allSettled([first, second, bystander]);
    await Promise.all(busy);
    expect(claimed).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: '23505' } });
    expect(appended).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
  });

  it('fails every append of a statement whose connection died, and retries none of them', async () => {
    const busy = occupy();
    const streams = [stream(), stream(), stream()];
    const appends = [
      es.store.append(streams[0], NO_STREAM, [{ type: 'TestOpened', data: {} }]),
      es.store.append(streams[1], NO_STREAM, [
        { type: 'TestConnectionKilledMidStatement', data: {} },
      ]),
      es.store.append(streams[2], NO_STREAM, [{ type: 'TestOpened', data: {} }]),
    ];
    const outcomes = await Promise.allSettled(appends);
    await Promise.all(busy);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const streamId of streams) expect(await es.store.streamVersion(streamId)).toBe(NO_STREAM);
    // The pool goes on with a new connection.
    await expect(opened()).resolves.toMatchObject({ nextExpectedVersion: 1 });
  });
});
