import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { SeatAllocationEvent } from '@app/seating';
import { HoldExpiryJobs } from './hold-expiry.jobs';
import { sagaStep } from '../saga-step';

/** Turns hold events into expiry jobs: set on lock, moved on extension, dropped on release. */
export function holdExpirySubscription(
  factory: EventSubscriptionFactory,
  expiries: HoldExpiryJobs,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.hold-expiry'),
    // Holds from before the first start are the sweeper's; no need to replay the whole log.
    startFrom: 'end',
    eventTypes: ['SeatsLocked', 'SeatLockExtended', 'SeatLockReleased'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<SeatAllocationEvent>;
      await sagaStep('hold-expiry', event, async () => {
        switch (event.type) {
          case 'SeatsLocked':
          case 'SeatLockExtended': {
            const { tripId, lockId, expiresAt } = event.data;
            const replaces =
              event.type === 'SeatLockExtended' ? event.data.previousExpiresAt : undefined;
            await expiries.schedule(lockId, { tripId, lockId }, expiresAt, replaces);
            return 'expiry scheduled';
          }
          case 'SeatLockReleased':
            await expiries.cancel(event.data.lockId, event.data.expiresAt);
            return 'expiry cancelled';
        }
      });
    },
  });
}
