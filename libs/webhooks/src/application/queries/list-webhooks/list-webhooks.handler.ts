import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAdmin } from '@app/auth';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { endpointView, WebhookEndpointView } from '../../webhook.views';
import { ListWebhooksQuery } from './list-webhooks.query';

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooksQuery> {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute({ caller }: ListWebhooksQuery): Promise<{ items: WebhookEndpointView[] }> {
    requireAdmin(caller);
    return { items: (await this.endpoints.list()).map(endpointView) };
  }
}
