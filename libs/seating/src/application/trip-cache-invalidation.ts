import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import type { BusUpdated, TripScheduled } from '../domain/events';
import type { TripAdminEvent, TripCancelled, TripDelayed } from '../domain/seat-allocation.events';

type TripChange = TripScheduled | TripCancelled | TripDelayed | TripAdminEvent | BusUpdated;
import { CatalogRepository } from '../infrastructure/catalog.repository';

/** Events after which a trip's cached catalog record is out of date. */
export const TRIP_CHANGE_EVENT_TYPES = [
  'TripScheduled',
  'TripCancelled',
  'TripDelayed',
  'TripUpdated',
  'TripFaresChanged',
  'TripSalesClosed',
  'TripSalesOpened',
  'BusUpdated',
] as const;

/**
 * Every process keeps the trips it read in memory (CatalogRepository) and forgets one as soon as
 * its tail of the log shows the trip (or its bus) changed, whichever process changed it: invalidated by the
 * log, never by time. (The process that made the change forgets it before answering.)
 */
@Injectable()
export class TripCacheInvalidation implements OnApplicationBootstrap {
  private readonly logger = new Logger(TripCacheInvalidation.name);

  constructor(
    private readonly subscriptions: EventSubscriptionFactory,
    private readonly catalog: CatalogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const subscription = this.subscriptions.create({
      subscriptionId: 'catalog.trip-cache',
      mode: 'live',
      eventTypes: [...TRIP_CHANGE_EVENT_TYPES],
      pollIntervalMs: this.config.worker.subscriptionPollMs,
      batchSize: this.config.worker.subscriptionBatchSize,
      handle: async (events) => {
        for (const event of events as RecordedEvent<TripChange>[]) {
          if (event.type === 'BusUpdated') this.catalog.forgetBus(event.data.busId);
          else if (event.type === 'TripScheduled') this.catalog.forgetLists();
          else this.catalog.forget(event.data.tripId);
        }
      },
    });
    await subscription.start().catch((error: unknown) => {
      this.logger.error(`trip cache invalidation did not start: ${(error as Error).message}`);
      throw error;
    });
  }
}
