import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from './concurrency.error';
import { NO_STREAM } from './event';
import { createTestEventStore } from './event-store.test-utils';

/** A booking's creation appends to the booking's stream and to its trip's allocation stream. */
describe('PostgresEventStore.appendMany', () => {
  const es = createTestEventStore(5);
  afterAll(() => es.close());

  // Kills its own connection while applied: after the first stream's append, before the second.
  es.projections.register({
    name: 'connection-killer',
    handles: ['ConnectionKilled'],
    apply: async (_events, sql) => {
      await sql.query('SELECT pg_terminate_backend(pg_backend_pid())');
    },
    reset: async () => undefined,
  });

  // Folds its writes into the append's statement: a row per event, from the stream's own insert.
  es.projections.register({
    name: 'test-folded',
    handles: ['TestFolded'],
    fold: (_events, _param, _known, append) => [
      `INSERT INTO test_folded_rows (stream_id, position)
       SELECT stream_id, stream_position FROM ${append.inserted}`,
    ],
    apply: () => Promise.reject(new Error('folded, never applied')),
    reset: async () => undefined,
  });
  beforeAll(() =>
    es.pool.query(
      'CREATE TABLE IF NOT EXISTS test_folded_rows (stream_id text NOT NULL, position int NOT NULL)',
    ),
  );
  const folded = (streamId: string) =>
    es.pool
      .query<{ position: number }>(
        'SELECT position FROM test_folded_rows WHERE stream_id = $1 ORDER BY position',
        [streamId],
      )
      .then(({ rows }) => rows.map((row) => row.position));

  const seatsBooked = { type: 'TestSeatsTaken', data: { seatNumbers: ['A1'] } };
  const bookingCreated = { type: 'TestBookingOpened', data: { reference: 'BUS1' } };
  const streams = () => ({
    trip: `test-allocation-${randomUUID()}`,
    booking: `test-booking-${randomUUID()}`,
  });

  it('commits every stream together, with one correlation id', async () => {
    const { trip, booking } = streams();
    await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }]);
    const results = await es.store.appendMany([
      { streamId: trip, expectedVersion: 1, events: [seatsBooked] },
      { streamId: booking, expectedVersion: NO_STREAM, events: [bookingCreated] },
    ]);
    expect(results.map((r) => r.nextExpectedVersion)).toEqual([2, 1]);
    const [[booked], [created]] = await Promise.all([
      es.store.readStream(trip, { fromVersion: 2 }),
      es.store.readStream(booking),
    ]);
    expect([booked.type, created.type]).toEqual(['TestSeatsTaken', 'TestBookingOpened']);
    expect(booked.metadata.correlationId).toBe(created.metadata.correlationId);
  });

  it('appends nothing when the first stream moved on', async () => {
    const { trip, booking } = streams();
    await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }, seatsBooked]);
    const stale = es.store.appendMany([
      { streamId: trip, expectedVersion: 1, events: [seatsBooked] },
      { streamId: booking, expectedVersion: NO_STREAM, events: [bookingCreated] },
    ]);
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ streamId: trip, actualVersion: 2 });
    expect(await es.store.streamVersion(booking)).toBe(NO_STREAM);
    expect(await es.store.readStream(trip)).toHaveLength(2);
  });

  it('appends nothing when the second stream moved on', async () => {
    const { trip, booking } = streams();
    await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }]);
    await es.store.append(booking, NO_STREAM, [bookingCreated]);
    const stale = es.store.appendMany([
      { streamId: trip, expectedVersion: 1, events: [seatsBooked] },
      { streamId: booking, expectedVersion: NO_STREAM, events: [bookingCreated] },
    ]);
    await expect(stale).rejects.toMatchObject({ streamId: booking, actualVersion: 1 });
    expect(await es.store.streamVersion(trip)).toBe(1);
    expect(await es.store.readStream(booking)).toHaveLength(1);
  });

  it('appends nothing when the connection dies between the two streams', async () => {
    const { trip, booking } = streams();
    await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }]);
    await expect(
      es.store.appendMany([
        {
          streamId: trip,
          expectedVersion: 1,
          events: [seatsBooked, { type: 'ConnectionKilled', data: {} }],
        },
        { streamId: booking, expectedVersion: NO_STREAM, events: [bookingCreated] },
      ]),
    ).rejects.toThrow(/terminat/);
    expect(await es.store.streamVersion(trip)).toBe(1);
    expect(await es.store.streamVersion(booking)).toBe(NO_STREAM);
    // The pool recovers: the same append goes through on a fresh connection.
    await es.store.appendMany([
      { streamId: trip, expectedVersion: 1, events: [seatsBooked] },
      { streamId: booking, expectedVersion: NO_STREAM, events: [bookingCreated] },
    ]);
    expect(await es.store.streamVersion(booking)).toBe(1);
  });

  it("writes every stream and its folded projections in one statement: one transaction, the streams' order", async () => {
    const { trip, booking } = streams();
    await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }]);
    const folding = { type: 'TestFolded', data: {} };
    // A transaction would take a client of its own (BEGIN, a statement per stream, COMMIT).
    const queries = jest.spyOn(es.pool, 'query');
    try {
      await es.store.appendMany([
        { streamId: trip, expectedVersion: 1, events: [folding, folding] },
        { streamId: booking, expectedVersion: NO_STREAM, events: [folding] },
      ]);
      expect(queries).toHaveBeenCalledTimes(1);
    } finally {
      queries.mockRestore();
    }
    expect(await folded(trip)).toEqual([2, 3]);
    expect(await folded(booking)).toEqual([1]);
    const { rows } = await es.pool.query<{ stream_id: string; tx: string }>(
      `SELECT stream_id, transaction_id::text AS tx FROM events
        WHERE stream_id = ANY($1) AND type = 'TestFolded' ORDER BY global_position`,
      [[trip, booking]],
    );
    expect(rows.map((row) => row.stream_id)).toEqual([trip, trip, booking]);
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
  });

  it("writes none of the first stream's folded projections when the second moved on", async () => {
    const { trip, booking } = streams();
    await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }]);
    await es.store.append(booking, NO_STREAM, [bookingCreated]);
    const folding = { type: 'TestFolded', data: {} };
    const stale = es.store.appendMany([
      { streamId: trip, expectedVersion: 1, events: [folding] },
      { streamId: booking, expectedVersion: NO_STREAM, events: [folding] },
    ]);
    await expect(stale).rejects.toMatchObject({ streamId: booking, actualVersion: 1 });
    expect(await folded(trip)).toEqual([]);
    expect(await es.store.streamVersion(trip)).toBe(1);
  });

  it('lets exactly one of eight racing multi-stream appends at the same versions through', async () => {
    const { trip } = streams();
    await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }]);
    const contenders = Array.from({ length: 8 }, () => `test-booking-${randomUUID()}`);
    const outcomes = await Promise.allSettled(
      contenders.map((booking) =>
        es.store.appendMany([
          { streamId: trip, expectedVersion: 1, events: [seatsBooked] },
          { streamId: booking, expectedVersion: NO_STREAM, events: [bookingCreated] },
        ]),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    }
    const versions = await Promise.all(contenders.map((b) => es.store.streamVersion(b)));
    expect(versions.filter((v) => v === 1)).toHaveLength(1);
    expect(await es.store.readStream(trip)).toHaveLength(2);
  });

  it("lets exactly one of eight appends racing on the second stream through, writing none of the others' first streams", async () => {
    const booking = `test-booking-${randomUUID()}`;
    const trips = Array.from({ length: 8 }, () => `test-allocation-${randomUUID()}`);
    for (const trip of trips) {
      await es.store.append(trip, NO_STREAM, [{ type: 'TestTripOpened', data: {} }]);
    }
    const outcomes = await Promise.allSettled(
      trips.map((trip) =>
        es.store.appendMany([
          { streamId: trip, expectedVersion: 1, events: [seatsBooked] },
          { streamId: booking, expectedVersion: NO_STREAM, events: [bookingCreated] },
        ]),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toMatchObject({ streamId: booking });
    }
    const versions = await Promise.all(trips.map((trip) => es.store.streamVersion(trip)));
    expect(versions.sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
    expect(await es.store.readStream(booking)).toHaveLength(1);
  });
});
