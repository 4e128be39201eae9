import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { DeliveryStatus } from '../../../infrastructure/webhook-delivery.store';
import type { WebhookDeliveryView } from '../../webhook.views';

export interface WebhookDeliveryPage {
  items: WebhookDeliveryView[];
  total: number;
  limit: number;
  offset: number;
}

/** An endpoint's deliveries, newest first. */
export class ListWebhookDeliveriesQuery extends Query<WebhookDeliveryPage> {
  constructor(
    readonly caller: Caller,
    readonly webhookId: string,
    readonly filter: { status?: DeliveryStatus; limit: number; offset: number },
  ) {
    super();
  }
}
