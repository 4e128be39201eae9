export { WebhooksModule } from './webhooks.module';
export { webhookMigrations } from './infrastructure/webhook.migrations';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './domain/webhook-events';
export { signWebhook, verifyWebhook } from './domain/webhook-signature';
export { WebhookOutbox, WEBHOOK_SOURCE_EVENT_TYPES } from './application/webhook-outbox';
export { WebhookDispatcher, type DispatchResult } from './application/webhook-dispatcher';
export { WebhookDeliveryStore, type DeliveryStatus } from './infrastructure/webhook-delivery.store';
export {
  type WebhookEndpointView,
  type RegisteredWebhookView,
  type WebhookDeliveryView,
} from './application/webhook.views';
export { RegisterWebhookCommand } from './application/commands/register-webhook/register-webhook.command';
export { DeleteWebhookCommand } from './application/commands/delete-webhook/delete-webhook.command';
export { EnableWebhookCommand } from './application/commands/enable-webhook/enable-webhook.command';
export { RedeliverWebhookCommand } from './application/commands/redeliver-webhook/redeliver-webhook.command';
export { ListWebhooksQuery } from './application/queries/list-webhooks/list-webhooks.query';
export {
  ListWebhookDeliveriesQuery,
  type WebhookDeliveryPage,
} from './application/queries/list-webhook-deliveries/list-webhook-deliveries.query';
