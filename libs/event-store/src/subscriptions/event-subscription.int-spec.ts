import { randomUUID } from 'node:crypto';
import { createPool } from '../database/database';
import { inTransaction } from '../database/sql';
import { NO_STREAM, RecordedEvent } from '../event';
import { createTestEventStore } from '../event-store.test-utils';
import { EventLogNotifier } from './event-log-notifier';
import { EventSubscription } from './event-subscription';

describe('EventSubscription', () => {
  const es = createTestEventStore();
  afterAll(() => es.close());

  const ofStreams = (events: readonly RecordedEvent[], streams: string[]) =>
    events.filter((e) => streams.includes(e.streamId));

  it('delivers an event whose transaction took its position first but committed last, in order', async () => {
    const early = `late-${randomUUID()}`;
    const later = `early-${randomUUID()}`;
    const seen: RecordedEvent[] = [];
    const subscription = es.subscribe({
      subscriptionId: `test-late-commit-${randomUUID()}`,
      startFrom: 'end',
      pollIntervalMs: 60_000,
      handle: async (events) => {
        seen.push(...ofStreams(events, [early, later]));
      },
    });
    await subscription.drain();

    // T1 appends (taking the lower global position) and stays open while T2 appends and commits.
    let releaseT1!: () => void;
    const t1MayCommit = new Promise<void>((resolve) => (releaseT1 = resolve));
    let t1Appended!: () => void;
    const t1HasAppended = new Promise<void>((resolve) => (t1Appended = resolve));
    const t1 = inTransaction(es.pool, async (tx) => {
      const result = await es.store.append(
        early,
        NO_STREAM,
        [{ type: 'Happened', data: { n: 1 } }],
        {
          transaction: tx,
        },
      );
      t1Appended();
      await t1MayCommit;
      return result;
    });
    await t1HasAppended;
    let t2;
    try {
      t2 = await es.store.append(later, NO_STREAM, [{ type: 'Happened', data: { n: 2 } }]);
      // T2 is committed but T1 is in flight: reading past T2 now would skip T1 forever.
      await subscription.drain();
      expect(seen).toEqual([]);
    } finally {
      releaseT1();
    }
    const t1Result = await t1;
    expect(t1Result.events[0].globalPosition).toBeLessThan(t2.events[0].globalPosition);

    await subscription.drain();
    expect(seen.map((e) => e.streamId)).toEqual([early, later]);

    await subscription.drain();
    expect(seen).toHaveLength(2); // nothing delivered twice
  });

  it('wakes on NOTIFY, resumes from its stored checkpoint and filters by type', async () => {
    const stream = `wake-${randomUUID()}`;
    const id = `test-wake-${randomUUID()}`;
    const seen: RecordedEvent[] = [];
    const options = {
      subscriptionId: id,
      startFrom: 'end' as const,
      eventTypes: ['Wanted'],
      pollIntervalMs: 60_000, // only NOTIFY can wake it within the test
      handle: async (events: readonly RecordedEvent[]) => {
        seen.push(...ofStreams(events, [stream]));
      },
    };
    const first = es.subscribe(options);
    await first.start();
    await es.store.append(stream, NO_STREAM, [
      { type: 'Wanted', data: { n: 1 } },
      { type: 'Ignored', data: {} },
    ]);
    await waitFor(() => seen.length === 1);
    await first.stop();

    await es.store.append(stream, 2, [{ type: 'Wanted', data: { n: 2 } }]);
    const second = es.subscribe(options);
    await second.start();
    await waitFor(() => seen.length === 2);
    expect(seen.map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
    await second.stop();

    const { rows } = await es.pool.query(
      'SELECT last_position FROM subscription_checkpoints WHERE subscription_id = $1',
      [id],
    );
    expect(rows[0].last_position).toBeGreaterThanOrEqual(seen[1].globalPosition);
  });

  it('stores the checkpoint with the handler’s writes: a failed handler is retried, not skipped', async () => {
    const stream = `retry-${randomUUID()}`;
    await es.pool.query(
      'CREATE TABLE IF NOT EXISTS test_subscription_effects (event_id uuid PRIMARY KEY)',
    );
    let failOnce = true;
    const subscription = es.subscribe({
      subscriptionId: `test-retry-${randomUUID()}`,
      startFrom: 'end',
      handle: async (events, tx) => {
        for (const e of ofStreams(events, [stream])) {
          await tx.query('INSERT INTO test_subscription_effects (event_id) VALUES ($1)', [
            e.metadata.eventId,
          ]);
          if (failOnce) {
            failOnce = false;
            throw new Error('boom');
          }
        }
      },
    });
    await subscription.drain(); // starts its checkpoint at the end of the log
    const { events } = await es.store.append(stream, NO_STREAM, [{ type: 'Happened', data: {} }]);
    await expect(subscription.drain()).rejects.toThrow('boom');
    await subscription.drain();
    const { rows } = await es.pool.query(
      'SELECT count(*)::int AS n FROM test_subscription_effects WHERE event_id = $1',
      [events[0].metadata.eventId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('reads in transaction id order, not in the text order of the ids (9 before 10)', async () => {
    // A log of its own (a schema first on the search path) whose events carry the ids 9 and 10:
    // as text '10' sorts first, and a batch of one event would pass over the other for good.
    const schema = `test_order_${randomUUID().replace(/-/g, '')}`;
    await es.pool.query(`CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.events (LIKE public.events INCLUDING ALL);
      CREATE TABLE ${schema}.subscription_checkpoints
        (LIKE public.subscription_checkpoints INCLUDING ALL)`);
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const pool = createPool({ connectionString: url.toString(), poolSize: 2 });
    try {
      await pool.query(
        `INSERT INTO events (global_position, stream_id, stream_position, event_id, type, data,
                             metadata, transaction_id)
         VALUES (1, 'ordered', 1, gen_random_uuid(), 'Happened', '{}', '{}', '9'),
                (2, 'ordered', 2, gen_random_uuid(), 'Happened', '{}', '{}', '10')`,
      );
      const seen: number[] = [];
      const subscription = new EventSubscription(pool, new EventLogNotifier(pool), {
        subscriptionId: 'ordered',
        batchSize: 1,
        handle: async (events) => {
          seen.push(...events.map((e) => e.globalPosition));
        },
      });
      await subscription.drain();
      expect(seen).toEqual([1, 2]);
    } finally {
      await pool.end();
      await es.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    }
  });

  it('live mode starts at the end of the log', async () => {
    const before = `live-${randomUUID()}`;
    const after = `live-${randomUUID()}`;
    const appended = await es.store.append(before, NO_STREAM, [{ type: 'Happened', data: {} }]);
    // The end of the log is what lies below the oldest transaction in flight (other test files
    // append meanwhile): start once `before` is there, or it is still ahead of the end.
    for (;;) {
      const { rows } = await es.pool.query<{ below: boolean }>(
        'SELECT $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) AS below',
        [appended.events[0].transactionId],
      );
      if (rows[0].below) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seen: RecordedEvent[] = [];
    const live = es.subscribe({
      subscriptionId: `live-${randomUUID()}`,
      mode: 'live',
      pollIntervalMs: 60_000,
      handle: async (events) => {
        seen.push(...ofStreams(events, [before, after]));
      },
    });
    await live.start();
    await es.store.append(after, NO_STREAM, [{ type: 'Happened', data: {} }]);
    await waitFor(() => seen.length === 1);
    expect(seen[0].streamId).toBe(after);
    await live.stop();
  });

  describe('woken only by appends of the types it delivers', () => {
    /** A subscription whose reads of the log are counted (its pool's queries). */
    const counted = (options: Omit<Parameters<typeof es.subscribe>[0], 'handle'>) => {
      const seen: RecordedEvent[] = [];
      let queries = 0;
      const pool = new Proxy(es.pool, {
        get: (target, key) => {
          const value = Reflect.get(target, key, target) as unknown;
          if (key === 'query') {
            return (...args: unknown[]) => {
              queries++;
              return (target.query as (...a: unknown[]) => unknown)(...args);
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const subscription = new EventSubscription(pool, notifier, {
        ...options,
        mode: 'live',
        handle: async (events) => {
          seen.push(...events);
        },
      });
      return { subscription, seen, queries: () => queries };
    };
    const notifier = new EventLogNotifier(es.pool);
    afterAll(() => notifier.onModuleDestroy());

    it('passes over other appends, and reads at once on its own', async () => {
      const stream = `typed-${randomUUID()}`;
      const { subscription, seen, queries } = counted({
        subscriptionId: `test-typed-${randomUUID()}`,
        eventTypes: ['TypedWanted'],
        pollIntervalMs: 60_000,
      });
      await subscription.start();
      await waitFor(() => queries() >= 1); // the read at start
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = queries();
      await es.store.append(stream, NO_STREAM, [{ type: 'TypedOther', data: {} }]);
      await es.store.append(stream, 1, [{ type: 'TypedOther', data: {} }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(queries()).toBe(before);

      await es.store.append(stream, 2, [{ type: 'TypedWanted', data: { n: 3 } }]);
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toMatchObject({ streamId: stream, streamPosition: 3 });

      // Read past what it was told of: other types are passed over again.
      const after = queries();
      await es.store.append(stream, 3, [{ type: 'TypedOther', data: {} }]);
      await es.store.append(stream, 4, [{ type: 'TypedOther', data: {} }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(queries()).toBe(after);
      await subscription.stop();
    });

    it('reads on any append while one of its own may be held back behind an older transaction', async () => {
      const stream = `held-${randomUUID()}`;
      const { subscription, seen } = counted({
        subscriptionId: `test-held-${randomUUID()}`,
        eventTypes: ['HeldWanted'],
        pollIntervalMs: 60_000,
      });
      await subscription.start();
      // An older transaction with an id, in flight: the append after it is not readable yet.
      const older = await es.pool.connect();
      try {
        await older.query('BEGIN');
        await older.query('SELECT pg_current_xact_id()');
        await es.store.append(stream, NO_STREAM, [{ type: 'HeldWanted', data: {} }]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(seen).toHaveLength(0);
        await older.query('COMMIT'); // commits without a notification
      } finally {
        older.release();
      }
      // An append of another type wakes it: the one it was told of is still unread.
      await es.store.append(`other-${randomUUID()}`, NO_STREAM, [{ type: 'HeldOther', data: {} }]);
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toMatchObject({ streamId: stream, type: 'HeldWanted' });
      await subscription.stop();
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
