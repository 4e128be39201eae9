import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import type { WaitlistOffered } from '@app/seating';
import { WaitlistOfferMailer } from './waitlist-offer-mailer';
import { sagaStep } from '../saga-step';

/**
 * Each offer to a waiting party is e-mailed, at least once: a mail that fails is tried again
 * with the batch (the checkpoint stays before it). Offers are made in the same append as the
 * event that freed the seats, so there is nothing else to do here.
 */
export function waitlistOffersSubscription(
  factory: EventSubscriptionFactory,
  mailer: WaitlistOfferMailer,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.waitlist-offers'),
    startFrom: 'end',
    eventTypes: ['WaitlistOffered'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<WaitlistOffered>;
      await sagaStep('waitlist-offers', event, async () => {
        await mailer.send(event.data);
        return 'offer mailed';
      });
    },
  });
}
