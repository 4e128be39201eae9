import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from './concurrency.error';
import { ANY_VERSION, NO_STREAM } from './event';
import { createTestEventStore } from './event-store.test-utils';

describe('PostgresEventStore', () => {
  const es = createTestEventStore(25);
  afterAll(() => es.close());

  const deposit = (amount: number) => ({ type: 'Deposited', data: { amount } });

  it('appends with expected versions and reads the stream back in order', async () => {
    const stream = `account-${randomUUID()}`;
    const first = await es.store.append(stream, NO_STREAM, [deposit(1), deposit(2)]);
    expect(first.nextExpectedVersion).toBe(2);
    const second = await es.store.append(stream, 2, [deposit(3)]);
    expect(second.nextExpectedVersion).toBe(3);

    const events = await es.store.readStream(stream);
    expect(events.map((e) => [e.streamPosition, (e.data as { amount: number }).amount])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(events[0].metadata).toMatchObject({
      actor: { kind: 'system', id: 'system' },
      occurredAt: '2026-11-25T08:00:00.000Z',
    });
    expect(events[0].metadata.correlationId).toBe(events[1].metadata.correlationId);
    expect(events[0].globalPosition).toBeLessThan(events[2].globalPosition);
    expect(await es.store.streamVersion(stream)).toBe(3);
  });

  it('returns the appended events as a read of the log gives them', async () => {
    const [one, two] = [`account-${randomUUID()}`, `account-${randomUUID()}`];
    const odd = {
      type: 'Odd',
      data: { at: new Date('2026-12-06T10:00:00Z'), gone: undefined, list: [1, 2.5, null], z: 'ầ' },
      metadata: { reason: 'a test' },
    };
    const single = await es.store.append(one, NO_STREAM, [odd, deposit(1)]);
    const many = await es.store.appendMany([
      { streamId: one, expectedVersion: 2, events: [deposit(2)] },
      { streamId: two, expectedVersion: NO_STREAM, events: [deposit(3), odd] },
    ]);
    expect(single.events).toStrictEqual((await es.store.readStream(one)).slice(0, 2));
    expect(many[0].events).toStrictEqual(await es.store.readStream(one, { fromVersion: 3 }));
    expect(many[1].events).toStrictEqual(await es.store.readStream(two));
    expect(single.events[0].data).toStrictEqual({
      at: '2026-12-06T10:00:00.000Z',
      list: [1, 2.5, null],
      z: 'ầ',
    });
  });

  it('raises a typed ConcurrencyError on a stale expected version and writes nothing', async () => {
    const stream = `account-${randomUUID()}`;
    await es.store.append(stream, NO_STREAM, [deposit(1)]);
    const stale = es.store.append(stream, NO_STREAM, [deposit(2)]);
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({
      streamId: stream,
      expectedVersion: 0,
      actualVersion: 1,
    });
    await expect(es.store.append(stream, 5, [deposit(2)])).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await es.store.readStream(stream)).toHaveLength(1);
  });

  it('lets exactly one of 50 concurrent appends with the same expected version win, leaving no gaps', async () => {
    const stream = `account-${randomUUID()}`;
    await es.store.append(stream, NO_STREAM, [deposit(0)]);

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        es.store.append(stream, 1, [deposit(i + 1), deposit(i + 1)]),
      ),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const failure of lost) expect(failure.reason).toBeInstanceOf(ConcurrencyError);

    const events = await es.store.readStream(stream);
    expect(events.map((e) => e.streamPosition)).toEqual([1, 2, 3]);
    const winner = (events[1].data as { amount: number }).amount;
    expect((events[2].data as { amount: number }).amount).toBe(winner);
  });

  it('lets exactly one of 50 concurrent creations of a new stream win', async () => {
    const stream = `account-${randomUUID()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => es.store.append(stream, NO_STREAM, [deposit(i)])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.every((r) => r.status === 'fulfilled' || r.reason instanceof ConcurrencyError),
    ).toBe(true);
    expect((await es.store.readStream(stream)).map((e) => e.streamPosition)).toEqual([1]);
  });

  it('appends with ANY_VERSION without losing concurrent writes', async () => {
    const stream = `account-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => es.store.append(stream, ANY_VERSION, [deposit(i)])),
    );
    const events = await es.store.readStream(stream);
    expect(events.map((e) => e.streamPosition)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('reads an event back with the schema version it was written with', async () => {
    const stream = `person-${randomUUID()}`;
    await es.store.append(stream, NO_STREAM, [
      { type: 'PersonNamed', schemaVersion: 2, data: { familyName: 'Nguyễn' } },
    ]);
    const [event] = await es.store.readStream(stream);
    expect(event.schemaVersion).toBe(2);
    expect(event.data).toEqual({ familyName: 'Nguyễn' });
  });

  it('reads the whole log by global position', async () => {
    const stream = `account-${randomUUID()}`;
    const { events } = await es.store.append(stream, NO_STREAM, [deposit(1), deposit(2)]);
    const from = events[0].globalPosition - 1;
    const all = await es.store.readAll({ fromPosition: from, limit: 2 });
    expect(all.map((e) => e.globalPosition)).toEqual(events.map((e) => e.globalPosition));
    const onlyType = await es.store.readAll({ fromPosition: from, types: ['Nothing'] });
    expect(onlyType).toEqual([]);
  });

  describe('with an inline projection that folds itself into the append', () => {
    const calls = { fold: 0, apply: 0 };
    let foldable = true;
    const credited = (amount: number) => ({ type: 'Credited', data: { amount } });
    const upsert = (values: string) =>
      `INSERT INTO test_credit_totals (stream_id, total, version) ${values}
       ON CONFLICT (stream_id) DO UPDATE SET total = test_credit_totals.total + EXCLUDED.total,
         version = EXCLUDED.version WHERE test_credit_totals.version < EXCLUDED.version`;
    const totals = async (stream: string) =>
      (
        await es.pool.query('SELECT total, version FROM test_credit_totals WHERE stream_id = $1', [
          stream,
        ])
      ).rows[0];

    beforeAll(async () => {
      await es.pool.query(
        'CREATE TABLE IF NOT EXISTS test_credit_totals (stream_id text PRIMARY KEY, total int, version int)',
      );
      es.projections.register({
        name: 'test-credit-totals',
        handles: ['Credited'],
        async apply(events, sql) {
          calls.apply++;
          const total = events.reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0);
          const last = events[events.length - 1];
          await sql.query(upsert('VALUES ($1, $2, $3)'), [
            last.streamId,
            total,
            last.streamPosition,
          ]);
        },
        fold(events, param) {
          calls.fold++;
          if (!foldable) {
            param('bound, then not used'); // must not reach the statement
            return undefined;
          }
          const total = events.reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0);
          const last = events[events.length - 1];
          return [
            upsert(
              `SELECT ${param(last.streamId)}::text, ${param(total)}::int, ${param(last.streamPosition)}::int FROM claimed`,
            ),
          ];
        },
        async reset() {},
      });
    });

    it('writes the read model in the append statement, and nothing when the append fails', async () => {
      const stream = `credit-${randomUUID()}`;
      await es.store.append(stream, NO_STREAM, [credited(5), credited(7)]);
      await es.store.append(stream, 2, [credited(1)]);
      expect(await totals(stream)).toEqual({ total: 13, version: 3 });
      expect(calls.apply).toBe(0);

      await expect(es.store.append(stream, 2, [credited(100)])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(es.store.append(stream, NO_STREAM, [credited(100)])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect(await totals(stream)).toEqual({ total: 13, version: 3 });
      expect(await es.store.readStream(stream)).toHaveLength(3);
    });

    it('applies it after the insert when positions are not known beforehand, or it declines', async () => {
      const stream = `credit-${randomUUID()}`;
      await es.store.append(stream, ANY_VERSION, [credited(2)]);
      expect(calls.apply).toBe(1);
      foldable = false;
      await es.store.append(stream, 1, [credited(3)]);
      foldable = true;
      expect(calls.apply).toBe(2);
      expect(await totals(stream)).toEqual({ total: 5, version: 2 });
    });
  });
});
