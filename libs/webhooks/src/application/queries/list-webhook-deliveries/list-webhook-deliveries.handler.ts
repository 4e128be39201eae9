import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAdmin } from '@app/auth';
import { WebhookErrors } from '../../../domain/webhooks.errors';
import { WebhookDeliveryStore } from '../../../infrastructure/webhook-delivery.store';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { deliveryView } from '../../webhook.views';
import { ListWebhookDeliveriesQuery, WebhookDeliveryPage } from './list-webhook-deliveries.query';

@QueryHandler(ListWebhookDeliveriesQuery)
export class ListWebhookDeliveriesHandler implements IQueryHandler<ListWebhookDeliveriesQuery> {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryStore,
  ) {}

  async execute({
    caller,
    webhookId,
    filter,
  }: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryPage> {
    requireAdmin(caller);
    if (!(await this.endpoints.find(webhookId))) throw WebhookErrors.notFound(webhookId);
    const { items, total } = await this.deliveries.list(webhookId, filter);
    return { items: items.map(deliveryView), total, limit: filter.limit, offset: filter.offset };
  }
}
