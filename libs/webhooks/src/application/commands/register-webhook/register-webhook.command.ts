import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { WebhookEventType } from '../../../domain/webhook-events';
import type { RegisteredWebhookView } from '../../webhook.views';

export class RegisterWebhookCommand extends Command<RegisteredWebhookView> {
  constructor(
    readonly caller: Caller,
    readonly endpoint: { url: string; events: WebhookEventType[]; description?: string },
  ) {
    super();
  }
}
