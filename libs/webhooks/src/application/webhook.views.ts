import type { DeliveryRecord } from '../infrastructure/webhook-delivery.store';
import type { WebhookEndpointRow } from '../infrastructure/webhook-endpoint.entity';

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  description?: string;
  status: 'active' | 'disabled';
  disabledReason?: string;
  disabledAt?: string;
  createdAt: string;
}

/** The answer to a registration: the only time the signing secret is shown. */
export interface RegisteredWebhookView extends WebhookEndpointView {
  secret: string;
}

export interface WebhookDeliveryView {
  id: string;
  messageId: string;
  eventType: string;
  status: DeliveryRecord['status'];
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  createdAt: string;
  /** The JSON body sent (without its signature headers). */
  payload: Record<string, unknown>;
}

export const endpointView = (row: WebhookEndpointRow): WebhookEndpointView => ({
  id: row.id,
  url: row.url,
  events: row.events,
  ...(row.description ? { description: row.description } : {}),
  status: row.status,
  ...(row.disabledReason ? { disabledReason: row.disabledReason } : {}),
  ...(row.disabledAt ? { disabledAt: row.disabledAt.toISOString() } : {}),
  createdAt: row.createdAt.toISOString(),
});

export const deliveryView = (d: DeliveryRecord): WebhookDeliveryView => ({
  id: d.id,
  messageId: d.messageId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  ...(d.lastStatusCode !== null ? { lastStatusCode: d.lastStatusCode } : {}),
  ...(d.lastError ? { lastError: d.lastError } : {}),
  ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt.toISOString() } : {}),
  ...(d.status === 'pending' ? { nextAttemptAt: d.nextAttemptAt.toISOString() } : {}),
  ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
  createdAt: d.createdAt.toISOString(),
  payload: d.payload,
});
