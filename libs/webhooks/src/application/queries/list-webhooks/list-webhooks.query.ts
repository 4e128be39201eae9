import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { WebhookEndpointView } from '../../webhook.views';

/** Every registered endpoint (never its secret). */
export class ListWebhooksQuery extends Query<{ items: WebhookEndpointView[] }> {
  constructor(readonly caller: Caller) {
    super();
  }
}
