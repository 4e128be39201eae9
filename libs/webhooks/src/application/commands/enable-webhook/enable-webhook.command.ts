import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { WebhookEndpointView } from '../../webhook.views';

/** An endpoint disabled after persistent failure is active again: its pending deliveries resume. */
export class EnableWebhookCommand extends Command<WebhookEndpointView> {
  constructor(
    readonly caller: Caller,
    readonly webhookId: string,
  ) {
    super();
  }
}
