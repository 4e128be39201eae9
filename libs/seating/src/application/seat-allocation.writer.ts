import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, CLOCK } from '@app/clock';
import {
  currentCorrelation,
  EventMetadata,
  EventToAppend,
  isConcurrencyError,
  PostgresEventStore,
  RecordedEvent,
  StreamAppend,
} from '@app/event-store';
import { activeTraceContext } from '@app/tracing';
import { setBounded } from '@app/collections';
import { SeatAllocationEvent, seatAllocationStreamId } from '../domain/seat-allocation.events';
import { evolve, SeatAllocation } from '../domain/seat-allocation.state';
import { SeatAllocationRepository } from '../infrastructure/seat-allocation.repository';
import { TripMutex } from '../infrastructure/trip-mutex';

const MAX_ATTEMPTS = 8;
/** A reader's cached state this far behind is brought up to date from the stream, not reloaded. */
const MAX_CATCH_UP = 100;
const MAX_BATCH = 200;
const CACHE_SIZE = 1000;
/** How long one turn of the trip mutex may serve queued batches (its lease is far longer). */
const MUTEX_TURN_MS = 100;

export interface AllocationDecision<E extends SeatAllocationEvent> {
  state: SeatAllocation;
  events: E[];
}

type Decision = (state: SeatAllocation, now: Date) => SeatAllocationEvent[];

interface Pending {
  decision: Decision;
  metadata: Partial<EventMetadata>;
  /**
   * Appends to other streams (a booking's) that commit or fail together with the decision's
   * events. Such a decision commits on its own, and a conflict on any stream is the caller's to
   * retry: it decided those events on a state that may have moved on too.
   */
  alongside?: readonly StreamAppend[];
  resolve(result: AllocationDecision<SeatAllocationEvent>): void;
  reject(error: unknown): void;
}

/** The caller's correlation (or a new one) in the metadata, unless it names its own. */
function correlated(metadata: Partial<EventMetadata>): Partial<EventMetadata> {
  const correlation = currentCorrelation();
  return {
    ...(correlation?.causationId ? { causationId: correlation.causationId } : {}),
    correlationId: correlation?.correlationId ?? randomUUID(),
    ...metadata,
  };
}

type Outcome =
  { ok: true; result: AllocationDecision<SeatAllocationEvent> } | { ok: false; error: unknown };

/**
 * Takes decisions on a trip's seat allocation and appends their events with the stream version
 * they were decided on.
 *
 * Decisions on one trip arriving together are taken one after another on the same state and
 * committed in one append (group commit), so a busy trip costs one transaction per batch rather
 * than per request. Across processes a Redis mutex per trip makes batches take turns once the
 * trip's appends collided with another's; should two still race (no Redis, or a first
 * collision), the later append fails on its expected version, and the whole batch is decided
 * again on the reloaded state. Every answer rests on a state proven current in its batch: by the
 * batch's own append at that version, or else by reading the stream version.
 */
@Injectable()
export class SeatAllocationWriter {
  private readonly pending = new Map<string, Pending[]>();
  private readonly cache = new Map<string, SeatAllocation>();

  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly repository: SeatAllocationRepository,
    private readonly tripMutex: TripMutex,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  decide<E extends SeatAllocationEvent>(
    tripId: string,
    decision: (state: SeatAllocation, now: Date) => E[],
    metadata: Partial<EventMetadata>,
    alongside?: readonly StreamAppend[],
  ): Promise<AllocationDecision<E>> {
    return new Promise<AllocationDecision<SeatAllocationEvent>>((resolve, reject) => {
      const queue = this.pending.get(tripId);
      // Batched decisions commit in whichever caller's context drains the queue: each keeps the
      // correlation (request, saga step) and the trace of its own caller.
      const item = {
        decision,
        metadata: { ...activeTraceContext(), ...correlated(metadata) },
        alongside,
        resolve,
        reject,
      };
      if (queue) {
        queue.push(item);
        return;
      }
      this.pending.set(tripId, [item]);
      void this.drain(tripId);
    }) as Promise<AllocationDecision<E>>;
  }

  private async drain(tripId: string): Promise<void> {
    const queue = this.pending.get(tripId)!;
    try {
      while (queue.length > 0) {
        // One turn of the trip mutex serves the batches that keep arriving, for a bounded time so
        // other instances get their turn; each batch is still its own append.
        await this.tripMutex.run(tripId, async () => {
          const turnEnds = Date.now() + MUTEX_TURN_MS;
          do await this.commitNext(tripId, queue);
          while (queue.length > 0 && Date.now() < turnEnds);
        });
      }
    } catch (error) {
      // Nothing above should throw; if it does, no decision may wait forever.
      for (const item of queue.splice(0)) item.reject(error);
    } finally {
      this.pending.delete(tripId);
    }
  }

  private async commitNext(tripId: string, queue: Pending[]): Promise<void> {
    const alone = queue.findIndex((item) => item.alongside);
    const batch = queue.splice(0, alone === 0 ? 1 : alone > 0 ? alone : MAX_BATCH);
    let outcomes: Outcome[];
    try {
      outcomes = await this.commit(tripId, batch);
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.result);
      else item.reject(outcome.error);
    });
  }

  private async commit(tripId: string, batch: Pending[]): Promise<Outcome[]> {
    for (let attempt = 1; ; attempt++) {
      const cached = this.cache.get(tripId);
      const initial = cached ?? (await this.load(tripId));
      const now = this.clock.now();
      let state = initial;
      const toAppend: EventToAppend[] = [];
      const outcomes: Outcome[] = batch.map((item) => {
        try {
          const events = item.decision(state, now);
          state = events.reduce(evolve, state);
          toAppend.push(...events.map((event) => ({ ...event, metadata: item.metadata })));
          return { ok: true, result: { state, events } };
        } catch (error) {
          return { ok: false, error };
        }
      });
      const alongside = batch[0].alongside;
      const decided = outcomes[0];
      if (toAppend.length === 0) {
        // Nothing appended proves nothing: a refusal, or a "nothing to do" (release, expiry), must
        // not rest on a cache that another process has moved past.
        if (cached && !(await this.isCurrent(cached))) {
          this.cache.delete(tripId);
          this.tripMutex.noteContention(tripId);
          continue;
        }
        if (alongside && decided.ok) await this.eventStore.appendMany(alongside);
        return outcomes;
      }
      try {
        // Appending at the version the batch was decided on also proves its refusals right.
        const allocation: StreamAppend = {
          streamId: seatAllocationStreamId(tripId),
          expectedVersion: initial.version,
          events: toAppend,
        };
        const [{ nextExpectedVersion }] = await this.eventStore.appendMany(
          alongside && decided.ok ? [allocation, ...alongside] : [allocation],
        );
        this.remember({ ...state, version: nextExpectedVersion });
        return outcomes;
      } catch (error) {
        const allocationMoved =
          isConcurrencyError(error) && error.streamId === seatAllocationStreamId(tripId);
        if (allocationMoved) this.tripMutex.noteContention(tripId);
        if (!isConcurrencyError(error) || allocationMoved) this.cache.delete(tripId);
        if (!isConcurrencyError(error) || alongside || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The trip's allocation as of its stream's version now, for reads that must show every change
   * made before them, by any process (read-your-writes): the state in memory when nothing was
   * appended since (one primary-key lookup), else brought up to date from the events appended
   * since, else loaded.
   */
  async current(tripId: string): Promise<SeatAllocation> {
    const streamId = seatAllocationStreamId(tripId);
    const version = await this.eventStore.streamVersion(streamId);
    const cached = this.cache.get(tripId);
    if (cached?.version === version) return cached;
    const behind = cached ? version - cached.version : Infinity;
    if (cached && behind > 0 && behind <= MAX_CATCH_UP) {
      const missed = (await this.eventStore.readStream(streamId, {
        fromVersion: cached.version + 1,
        toVersion: version,
      })) as RecordedEvent<SeatAllocationEvent>[];
      if (missed.length === behind) {
        const state = missed.reduce(evolve, cached);
        // A decision committed meanwhile may have remembered a newer state: keep the newest.
        if ((this.cache.get(tripId)?.version ?? 0) < state.version) this.remember(state);
        return state;
      }
    }
    return this.load(tripId);
  }

  private async load(tripId: string): Promise<SeatAllocation> {
    const stored = await this.repository.load(tripId);
    this.remember(stored);
    return stored;
  }

  private async isCurrent(state: SeatAllocation): Promise<boolean> {
    return (
      (await this.eventStore.streamVersion(seatAllocationStreamId(state.tripId))) === state.version
    );
  }

  private remember(state: SeatAllocation): void {
    setBounded(this.cache, state.tripId, state, CACHE_SIZE);
  }
}
