import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory } from '@app/event-store';
import { WEBHOOK_SOURCE_EVENT_TYPES, WebhookOutbox } from '@app/webhooks';

/**
 * The webhooks' outbox is filled from the log: a delivery per message and subscribed endpoint,
 * written before the checkpoint moves on, so no event is skipped and none is queued twice.
 */
export function webhookOutboxSubscription(
  factory: EventSubscriptionFactory,
  outbox: WebhookOutbox,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.webhook-outbox'),
    startFrom: 'end',
    eventTypes: WEBHOOK_SOURCE_EVENT_TYPES,
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handle: async (events) => {
      await outbox.record(events);
    },
  });
}
