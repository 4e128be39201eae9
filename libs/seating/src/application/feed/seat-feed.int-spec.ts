import { randomUUID } from 'node:crypto';
import { ManualClock } from '@app/clock';
import { AppConfig, loadConfig } from '@app/config';
import {
  createPool,
  EventLogNotifier,
  EventSubscriptionFactory,
  InlineProjectionRegistry,
  PostgresEventStore,
  RecordedEvent,
} from '@app/event-store';
import { SeatAllocationEvent, seatAllocationStreamId } from '../../domain/seat-allocation.events';
import { CatalogRepository, TripRecord } from '../../infrastructure/catalog.repository';
import { SeatAllocationRepository } from '../../infrastructure/seat-allocation.repository';
import { SeatDelta, SeatFeed } from './seat-feed';

/**
 * The tail reads the log in transaction order, which may differ from a trip stream's version
 * order; the feed must still hand watchers every version exactly once, in order.
 */
describe('SeatFeed', () => {
  const pool = createPool({ connectionString: process.env.DATABASE_URL!, poolSize: 4 });
  const clock = new ManualClock(new Date('2026-11-25T08:00:00Z'));
  const store = new PostgresEventStore(pool, clock, new InlineProjectionRegistry());
  const notifier = new EventLogNotifier(pool);
  const config: AppConfig = loadConfig({ ...process.env, NODE_ENV: 'test' });
  afterAll(async () => {
    await notifier.onModuleDestroy();
    await pool.end();
  });

  /** A feed whose tail is driven by hand, so that events can arrive in any order. */
  async function feedFor(trip: TripRecord) {
    const catalog = { findTrip: async (id: string) => (id === trip.id ? trip : null) };
    let handle!: (events: readonly RecordedEvent[]) => Promise<void>;
    const handDriven = {
      create: (options: { handle: typeof handle }) => {
        handle = options.handle;
        return { start: async () => undefined, stop: async () => undefined };
      },
    };
    const feed = new SeatFeed(
      handDriven as unknown as EventSubscriptionFactory,
      store,
      new SeatAllocationRepository(pool),
      catalog as unknown as CatalogRepository,
      config,
      clock,
    );
    const deltas: SeatDelta[] = [];
    await feed.start({
      delta: (d) => deltas.push(d),
      holdChanged: () => undefined,
      tripCancelled: () => undefined,
      tripDelayed: () => undefined,
      tripUpdated: () => undefined,
    });
    return { feed, deltas, deliver: (events: RecordedEvent[]) => handle(events) };
  }

  const tripRecord = (): TripRecord => ({
    id: randomUUID(),
    busId: randomUUID(),
    busName: 'Bus',
    plateNumber: '51B-000.00',
    seats: ['S1', 'S2', 'S3'].map((seatNumber, i) => ({
      seatNumber,
      deck: 1,
      row: 1,
      col: i + 1,
      type: 'standard' as const,
      accessible: false,
    })),
    seatCount: 3,
    origin: 'A',
    destination: 'B',
    departureAt: new Date('2026-11-26T08:00:00Z'),
    arrivalAt: new Date('2026-11-26T12:00:00Z'),
    fares: { standard: { amount: 1000, currency: 'VND' } },
    maxSeatsPerBooking: 5,
    createdAt: new Date('2026-11-25T07:00:00Z'),
  });

  const locked = (tripId: string, lockId: string, seatNumbers: string[]): SeatAllocationEvent => ({
    type: 'SeatsLocked',
    data: {
      lockId,
      tripId,
      holder: { kind: 'user', id: 'u1' },
      seatNumbers,
      lockedAt: '2026-11-25T08:00:00.000Z',
      expiresAt: '2026-11-25T08:15:00.000Z',
      maxExpiresAt: '2026-11-25T08:45:00.000Z',
      transferredFrom: [],
    },
  });

  const released = (
    tripId: string,
    lockId: string,
    seatNumbers: string[],
  ): SeatAllocationEvent => ({
    type: 'SeatLockReleased',
    data: { lockId, tripId, seatNumbers },
  });

  it('fills a gap from the stream and skips versions it has already applied', async () => {
    const trip = tripRecord();
    const [L1, L2, L3] = [randomUUID(), randomUUID(), randomUUID()];
    const { feed, deltas, deliver } = await feedFor(trip);
    await feed.watch(trip.id);
    expect(feed.snapshot(trip.id).version).toBe(0);

    const streamId = seatAllocationStreamId(trip.id);
    await store.append(streamId, 0, [locked(trip.id, L1, ['S1'])]);
    await store.append(streamId, 1, [locked(trip.id, L2, ['S2'])]);
    await store.append(streamId, 2, [released(trip.id, L1, ['S1'])]);
    const [v1, v2, v3] = await store.readStream(streamId);

    await deliver([v3]); // committed last in the log's order, delivered first
    expect(deltas).toEqual([
      {
        tripId: trip.id,
        fromVersion: 0,
        version: 3,
        changes: [{ seatNumber: 'S2', status: 'locked', expiresAt: '2026-11-25T08:15:00.000Z' }],
      },
    ]);
    await deliver([v2, v1]);
    expect(deltas).toHaveLength(1);
    expect(feed.snapshot(trip.id).seats.map((s) => s.status)).toEqual([
      'available',
      'locked',
      'available',
    ]);

    await store.append(streamId, 3, [locked(trip.id, L3, ['S3'])]);
    await store.append(streamId, 4, [released(trip.id, L2, ['S2'])]);
    const [, , , v4, v5] = await store.readStream(streamId);
    await deliver([v5, v4, v5]); // out of order within a batch, and delivered twice
    expect(deltas.slice(1)).toEqual([
      {
        tripId: trip.id,
        fromVersion: 3,
        version: 5,
        changes: [
          { seatNumber: 'S2', status: 'available' },
          { seatNumber: 'S3', status: 'locked', expiresAt: '2026-11-25T08:15:00.000Z' },
        ],
      },
    ]);
  });

  it('catches a watched trip up on subscribe, so a snapshot shows the caller’s own change', async () => {
    const trip = tripRecord();
    const L1 = randomUUID();
    const { feed, deltas } = await feedFor(trip);
    await feed.watch(trip.id);
    const streamId = seatAllocationStreamId(trip.id);
    await store.append(streamId, 0, [locked(trip.id, L1, ['S1'])]); // the tail has not seen it
    await feed.watch(trip.id); // a second subscriber
    expect(feed.snapshot(trip.id).version).toBe(1);
    expect(deltas.map((d) => [d.fromVersion, d.version])).toEqual([[0, 1]]);
    feed.unwatch(trip.id);
    feed.unwatch(trip.id);
    expect(feed.watchedTrips).toBe(0);
  });

  it('answers trip.not_found for a trip that does not exist', async () => {
    const { feed } = await feedFor(tripRecord());
    await expect(feed.watch(randomUUID())).rejects.toMatchObject({ code: 'trip.not_found' });
    expect(feed.watchedTrips).toBe(0);
  });
});
