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

  it('upcasts old schema versions on read without rewriting the stored event', async () => {
    const stream = `person-${randomUUID()}`;
    await es.store.append(stream, NO_STREAM, [
      { type: 'PersonNamed', schemaVersion: 1, data: { name: 'Nguyễn Thị Ánh' } },
    ]);
    es.upcasters.register(
      {
        type: 'PersonNamed',
        fromSchemaVersion: 1,
        upcast: (data) => {
          const [familyName, ...given] = (data as { name: string }).name.split(' ');
          return { familyName, givenNames: given.join(' ') };
        },
      },
      {
        type: 'PersonNamed',
        fromSchemaVersion: 2,
        upcast: (data) => ({ ...(data as object), title: null }),
      },
    );
    const [event] = await es.store.readStream(stream);
    expect(event.schemaVersion).toBe(3);
    expect(event.data).toEqual({ familyName: 'Nguyễn', givenNames: 'Thị Ánh', title: null });
    const { rows } = await es.pool.query(
      'SELECT schema_version, data FROM events WHERE stream_id = $1',
      [stream],
    );
    expect(rows[0]).toEqual({ schema_version: 1, data: { name: 'Nguyễn Thị Ánh' } });
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
});
