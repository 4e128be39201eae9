import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@app/clock';
import { EventMetadata, isConcurrencyError, PostgresEventStore } from '@app/event-store';
import { SeatAllocationEvent, seatAllocationStreamId } from '../domain/seat-allocation.events';
import { evolve, SeatAllocation } from '../domain/seat-allocation.state';
import { KeyedMutex } from '../infrastructure/keyed-mutex';
import { TripMutex } from '../infrastructure/trip-mutex';
import { SeatAllocationRepository } from '../infrastructure/seat-allocation.repository';

const MAX_ATTEMPTS = 8;
const CACHE_SIZE = 1000;

export interface AllocationDecision<E extends SeatAllocationEvent> {
  state: SeatAllocation;
  events: E[];
}

/**
 * Runs a decision against a trip's current allocation and appends its events with the version
 * it saw. Within this process decisions on one trip are queued, and the state stays cached
 * between them, so a decision costs one transaction. Across processes a Redis mutex per trip
 * makes them take turns; should two still race (no Redis), the later append fails on its
 * expected version, the state is reloaded and the decision taken again.
 */
@Injectable()
export class SeatAllocationWriter {
  private readonly queue = new KeyedMutex();
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
  ): Promise<AllocationDecision<E>> {
    return this.queue.run(tripId, () =>
      this.tripMutex.run(tripId, () => this.decideAndAppend(tripId, decision, metadata)),
    );
  }

  private async decideAndAppend<E extends SeatAllocationEvent>(
    tripId: string,
    decision: (state: SeatAllocation, now: Date) => E[],
    metadata: Partial<EventMetadata>,
  ): Promise<AllocationDecision<E>> {
    for (let attempt = 1; ; attempt++) {
      const { state, events } = await this.decideOnLatest(tripId, decision);
      if (events.length === 0) return { state, events };
      try {
        const result = await this.eventStore.append(
          seatAllocationStreamId(tripId),
          state.version,
          events,
          {
            metadata,
          },
        );
        const next = { ...events.reduce(evolve, state), version: result.nextExpectedVersion };
        this.remember(next);
        return { state: next, events };
      } catch (error) {
        this.cache.delete(tripId);
        if (!isConcurrencyError(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Decides on the cached state. A refusal is only given on the state as stored: another process
   * may have freed the seats since this one cached them.
   */
  private async decideOnLatest<E extends SeatAllocationEvent>(
    tripId: string,
    decision: (state: SeatAllocation, now: Date) => E[],
  ): Promise<AllocationDecision<E>> {
    const cached = this.cache.get(tripId);
    if (cached) {
      try {
        return { state: cached, events: decision(cached, this.clock.now()) };
      } catch (refusal) {
        const stored = await this.repository.load(tripId);
        this.remember(stored);
        if (stored.version === cached.version) throw refusal;
        return { state: stored, events: decision(stored, this.clock.now()) };
      }
    }
    const stored = await this.repository.load(tripId);
    this.remember(stored);
    return { state: stored, events: decision(stored, this.clock.now()) };
  }

  private remember(state: SeatAllocation): void {
    this.cache.delete(state.tripId);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(state.tripId, state);
  }
}
