import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { WebhookDeliveryView } from '../../webhook.views';

/** A delivery (failed, or even delivered) is sent again soon, in its line's order. */
export class RedeliverWebhookCommand extends Command<WebhookDeliveryView> {
  constructor(
    readonly caller: Caller,
    readonly webhookId: string,
    readonly deliveryId: string,
  ) {
    super();
  }
}
