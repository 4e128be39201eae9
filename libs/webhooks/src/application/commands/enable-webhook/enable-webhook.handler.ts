import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireAdmin } from '@app/auth';
import { WebhookErrors } from '../../../domain/webhooks.errors';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { endpointView, WebhookEndpointView } from '../../webhook.views';
import { EnableWebhookCommand } from './enable-webhook.command';

@CommandHandler(EnableWebhookCommand)
export class EnableWebhookHandler implements ICommandHandler<
  EnableWebhookCommand,
  WebhookEndpointView
> {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute({ caller, webhookId }: EnableWebhookCommand): Promise<WebhookEndpointView> {
    requireAdmin(caller);
    if (!(await this.endpoints.find(webhookId))) throw WebhookErrors.notFound(webhookId);
    await this.endpoints.enable(webhookId);
    return endpointView((await this.endpoints.find(webhookId))!);
  }
}
