import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { SeatAllocationEvent } from '@app/seating';
import { ExpiryScheduler } from './expiry-scheduler';

/** Turns hold events into expiry schedules: set on lock, moved on extension, dropped on release. */
export function holdExpirySubscription(
  factory: EventSubscriptionFactory,
  scheduler: ExpiryScheduler,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.hold-expiry'),
    // Holds from before the first start are the sweeper's; no need to replay the whole log.
    startFrom: 'end',
    eventTypes: ['SeatsLocked', 'SeatLockExtended', 'SeatLockReleased', 'SeatLockExpired'],
    pollIntervalMs: config.EVENT_SUBSCRIPTION_POLL_MS,
    batchSize: config.EVENT_SUBSCRIPTION_BATCH_SIZE,
    handle: async (events) => {
      for (const event of events as unknown as RecordedEvent<SeatAllocationEvent>[]) {
        switch (event.type) {
          case 'SeatsLocked':
            await scheduler.schedule(
              { tripId: event.data.tripId, lockId: event.data.lockId },
              event.data.expiresAt,
            );
            break;
          case 'SeatLockExtended':
            await scheduler.schedule(
              { tripId: event.data.tripId, lockId: event.data.lockId },
              event.data.expiresAt,
              event.data.previousExpiresAt,
            );
            break;
          case 'SeatLockReleased':
            await scheduler.cancel(event.data.lockId, event.data.expiresAt);
            break;
          case 'SeatLockExpired':
            await scheduler.cancel(event.data.lockId);
            break;
        }
      }
    },
  });
}
