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
});
