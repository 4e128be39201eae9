import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';

/** The endpoint and its deliveries go; nothing more is sent to it. */
export class DeleteWebhookCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly webhookId: string,
  ) {
    super();
  }
}
