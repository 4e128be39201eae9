import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireAdmin } from '@app/auth';
import { WebhookErrors } from '../../../domain/webhooks.errors';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { DeleteWebhookCommand } from './delete-webhook.command';

@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand, void> {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute({ caller, webhookId }: DeleteWebhookCommand): Promise<void> {
    requireAdmin(caller);
    if (!(await this.endpoints.remove(webhookId))) throw WebhookErrors.notFound(webhookId);
  }
}
