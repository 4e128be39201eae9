import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  EventSubscription,
  EventSubscriptionFactory,
  PostgresEventStore,
  RecordedEvent,
} from '@app/event-store';
import { Fares } from '../../domain/catalog.types';
import { HoldChange, holdChangesOf } from '../../domain/hold-change';
import {
  Holder,
  SEAT_ALLOCATION_EVENT_TYPES,
  SeatAllocationEvent,
  seatAllocationStreamId,
  TRIP_ADMIN_EVENT_TYPES,
  TripAdminEvent,
  TripDelayed,
} from '../../domain/seat-allocation.events';
import { evolve, SeatAllocation } from '../../domain/seat-allocation.state';
import { SeatChange, seatChanges, SeatMapView, seatMapOf } from '../../domain/seat-map';
import { SeatingErrors } from '../../domain/seating.errors';
import { CatalogRepository, TripRecord } from '../../infrastructure/catalog.repository';
import { SeatAllocationRepository } from '../../infrastructure/seat-allocation.repository';

type AllocationEvent = RecordedEvent<SeatAllocationEvent>;

/** The seats that changed between two versions of a trip's allocation. */
export interface SeatDelta {
  tripId: string;
  fromVersion: number;
  version: number;
  changes: SeatChange[];
}

/** The operator cancelled a trip (after the deltas of the holds it ended). */
export interface TripCancellationNotice {
  tripId: string;
  reason: string;
  cancelledAt: string;
}

/** The operator delayed a trip: its times now. */
export interface TripDelayNotice {
  tripId: string;
  departureAt: string;
  arrivalAt: string;
  previousDepartureAt: string;
  delayMinutes: number;
  reason: string;
}

const delayNoticeOf = ({
  tripId,
  departureAt,
  arrivalAt,
  previousDepartureAt,
  delayMinutes,
  reason,
}: TripDelayed['data']): TripDelayNotice => ({
  tripId,
  departureAt,
  arrivalAt,
  previousDepartureAt,
  delayMinutes,
  reason,
});

/** What the operator changed on a trip: only the fields that changed. */
export interface TripChanges {
  origin?: string;
  destination?: string;
  departureAt?: string;
  arrivalAt?: string;
  busId?: string;
  maxSeatsPerBooking?: number;
  fares?: Fares;
  salesOpen?: boolean;
}

/** The operator changed a trip's route, times, bus, fares or sales, at `version`. */
export interface TripUpdateNotice {
  tripId: string;
  version: number;
  changes: TripChanges;
  updatedAt: string;
}

const TRIP_UPDATE_TYPES: ReadonlySet<string> = new Set(TRIP_ADMIN_EVENT_TYPES);

const isTripUpdate = (event: AllocationEvent): event is RecordedEvent<TripAdminEvent> =>
  TRIP_UPDATE_TYPES.has(event.type);

function tripUpdateNoticeOf(event: RecordedEvent<TripAdminEvent>): TripUpdateNotice {
  const at = { tripId: event.data.tripId, version: event.streamPosition };
  switch (event.type) {
    case 'TripUpdated':
      return { ...at, changes: { ...event.data.changes }, updatedAt: event.data.updatedAt };
    case 'TripFaresChanged':
      return { ...at, changes: { fares: event.data.fares }, updatedAt: event.data.changedAt };
    case 'TripSalesClosed':
      return { ...at, changes: { salesOpen: false }, updatedAt: event.data.closedAt };
    case 'TripSalesOpened':
      return { ...at, changes: { salesOpen: true }, updatedAt: event.data.openedAt };
  }
}

export interface SeatFeedListener {
  delta(delta: SeatDelta): void;
  holdChanged(holder: Holder, change: HoldChange): void;
  tripCancelled(notice: TripCancellationNotice): void;
  tripDelayed(notice: TripDelayNotice): void;
  tripUpdated(notice: TripUpdateNotice): void;
}

interface WatchedTrip {
  trip: TripRecord;
  allocation: SeatAllocation;
  /** The time the allocation is judged at: when its latest applied event happened. */
  asOf: Date;
  watchers: number;
}

/**
 * Each process tails the event log and keeps the allocation of the trips someone watches in
 * memory, so every change, whichever instance or worker made it, becomes a delta here, with the
 * trip stream's gap-free versions. A snapshot and the room join happen in one tick, and deltas
 * are emitted in the tick that applies them, so a watcher never misses or repeats a version.
 */
@Injectable()
export class SeatFeed {
  private readonly logger = new Logger(SeatFeed.name);
  private readonly trips = new Map<string, WatchedTrip>();
  private readonly loading = new Map<string, Promise<WatchedTrip>>();
  private subscription: EventSubscription | null = null;
  private listener: SeatFeedListener | null = null;

  constructor(
    private readonly subscriptions: EventSubscriptionFactory,
    private readonly eventStore: PostgresEventStore,
    private readonly allocations: SeatAllocationRepository,
    private readonly catalog: CatalogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts tailing the log from its current end. */
  async start(listener: SeatFeedListener): Promise<void> {
    this.listener = listener;
    this.subscription ??= this.subscriptions.create({
      subscriptionId: 'api.seat-feed',
      mode: 'live',
      eventTypes: SEAT_ALLOCATION_EVENT_TYPES,
      pollIntervalMs: this.config.worker.subscriptionPollMs,
      batchSize: this.config.worker.subscriptionBatchSize,
      handle: (events) => this.apply(events as AllocationEvent[]),
    });
    await this.subscription.start();
  }

  /** Stops tailing; watched trips are forgotten, watchers re-subscribe after a restart. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.trips.clear();
  }

  get watchedTrips(): number {
    return this.trips.size;
  }

  /** Keeps the trip's allocation in memory until `unwatch`; trip.not_found for unknown trips. */
  async watch(tripId: string): Promise<void> {
    const watched = this.trips.get(tripId) ?? (await this.loadOnce(tripId));
    watched.watchers += 1;
    await this.catchUp(tripId).catch((error: unknown) => {
      // Best effort: the tail brings the trip up to date a moment later anyway.
      this.logger.warn(`could not catch trip ${tripId} up: ${(error as Error).message}`);
    });
  }

  unwatch(tripId: string): void {
    const watched = this.trips.get(tripId);
    if (!watched) return;
    watched.watchers -= 1;
    if (watched.watchers <= 0) this.trips.delete(tripId);
  }

  /** The watched trip's seat map as of the last applied version. */
  snapshot(tripId: string, holder?: Holder): SeatMapView {
    const watched = this.trips.get(tripId);
    if (!watched) throw new Error(`trip ${tripId} is not watched`);
    return seatMapOf(watched.trip, watched.allocation, this.clock.now(), holder);
  }

  /**
   * Brings a watched trip up to the stream's current version, so a client that subscribes right
   * after its own change sees it in the snapshot rather than in a delta a moment later.
   */
  private async catchUp(tripId: string): Promise<void> {
    const watched = this.trips.get(tripId);
    if (!watched) return;
    const streamId = seatAllocationStreamId(tripId);
    const current = await this.eventStore.streamVersion(streamId);
    const from = watched.allocation.version;
    if (current <= from) return;
    const missed = await this.eventStore.readStream(streamId, {
      fromVersion: from + 1,
      toVersion: current,
    });
    if (this.trips.get(tripId) !== watched || watched.allocation.version !== from) return;
    if (missed.length === current - from) this.advance(watched, missed as AllocationEvent[]);
  }

  private loadOnce(tripId: string): Promise<WatchedTrip> {
    let pending = this.loading.get(tripId);
    if (!pending) {
      pending = this.load(tripId).finally(() => this.loading.delete(tripId));
      this.loading.set(tripId, pending);
    }
    return pending;
  }

  private async load(tripId: string): Promise<WatchedTrip> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const allocation = await this.allocations.load(tripId);
    const existing = this.trips.get(tripId);
    if (existing) return existing;
    const watched: WatchedTrip = { trip, allocation, asOf: this.clock.now(), watchers: 0 };
    this.trips.set(tripId, watched);
    return watched;
  }

  private async apply(events: readonly AllocationEvent[]): Promise<void> {
    const byTrip = new Map<string, AllocationEvent[]>();
    for (const event of events) {
      const tripEvents = byTrip.get(event.data.tripId) ?? [];
      tripEvents.push(event);
      byTrip.set(event.data.tripId, tripEvents);
    }
    // Per trip, and never throwing: a failed batch would be delivered again, and its hold
    // changes announced twice. A trip that could not be brought up to date is caught up from
    // its stream with the next event that reaches it.
    for (const [tripId, tripEvents] of byTrip) {
      tripEvents.sort((a, b) => a.streamPosition - b.streamPosition);
      const before = this.trips.get(tripId)?.allocation;
      for (const event of tripEvents) this.announceHoldChange(event, before);
      await this.applyToTrip(tripId, tripEvents).catch((error: unknown) =>
        this.logger.warn(`seat feed of trip ${tripId} is behind: ${(error as Error).message}`),
      );
      const updates = tripEvents.filter(isTripUpdate);
      if (updates.length > 0) {
        // Snapshots from now on show the trip as it is (fares, bus), and so does a watcher told
        // of the change who reads the trip again from this process.
        this.catalog.forget(tripId);
        const watched = this.trips.get(tripId);
        const fresh = watched && (await this.catalog.findTrip(tripId).catch(() => null));
        if (watched && fresh) watched.trip = fresh;
        for (const event of updates) this.listener?.tripUpdated(tripUpdateNoticeOf(event));
      }
      for (const event of tripEvents) {
        if (event.type !== 'TripCancelled' && event.type !== 'TripDelayed') continue;
        // A watcher told of the change reads the trip again: this process must not answer
        // from its cached copy, whether or not TripCacheInvalidation has seen the event yet.
        this.catalog.forget(tripId);
        if (event.type === 'TripCancelled') this.listener?.tripCancelled(event.data);
        else this.listener?.tripDelayed(delayNoticeOf(event.data));
      }
    }
  }

  private announceHoldChange(event: AllocationEvent, before?: SeatAllocation): void {
    for (const notice of holdChangesOf(event, event.streamPosition, before)) {
      this.listener?.holdChanged(notice.holder, notice.change);
    }
  }

  /**
   * The log is read in transaction order, which can differ from a stream's version order, and a
   * trip loaded while events were in flight may be ahead of or behind the tail. Events at or
   * below the applied version are skipped; a gap is filled from the stream (a later version is
   * committed, so every earlier one is too).
   */
  private async applyToTrip(tripId: string, events: AllocationEvent[]): Promise<void> {
    const loading = this.loading.get(tripId);
    if (loading) await loading.catch(() => undefined);
    const byVersion = new Map(events.map((e) => [e.streamPosition, e]));
    for (;;) {
      const watched = this.trips.get(tripId);
      if (!watched) return;
      const from = watched.allocation.version;
      const fresh = [...byVersion.values()]
        .filter((e) => e.streamPosition > from)
        .sort((a, b) => a.streamPosition - b.streamPosition);
      if (fresh.length === 0) return;
      const to = fresh[fresh.length - 1].streamPosition;
      if (fresh.length === to - from) {
        this.advance(watched, fresh);
        return;
      }
      const range = await this.eventStore.readStream(seatAllocationStreamId(tripId), {
        fromVersion: from + 1,
        toVersion: to,
      });
      if (this.trips.get(tripId) !== watched || watched.allocation.version !== from) continue;
      if (range.length !== to - from) {
        this.logger.error(`stream of trip ${tripId} has a gap between ${from} and ${to}`);
        return;
      }
      this.advance(watched, range as AllocationEvent[]);
      return;
    }
  }

  private advance(watched: WatchedTrip, events: readonly AllocationEvent[]): void {
    const before = { state: watched.allocation, asOf: watched.asOf };
    // Processes' clocks differ a little; the feed's notion of time never runs backwards.
    const latest = Math.max(...events.map((e) => new Date(e.metadata.occurredAt).getTime()));
    const after = {
      state: events.reduce(evolve, before.state),
      asOf: new Date(Math.max(before.asOf.getTime(), latest)),
    };
    watched.allocation = after.state;
    watched.asOf = after.asOf;
    this.listener?.delta({
      tripId: before.state.tripId,
      fromVersion: before.state.version,
      version: after.state.version,
      changes: seatChanges(before, after),
    });
  }
}
