import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { WebhookErrors } from '../../../domain/webhooks.errors';
import { WebhookDeliveryStore } from '../../../infrastructure/webhook-delivery.store';
import { deliveryView, WebhookDeliveryView } from '../../webhook.views';
import { RedeliverWebhookCommand } from './redeliver-webhook.command';

@CommandHandler(RedeliverWebhookCommand)
export class RedeliverWebhookHandler implements ICommandHandler<
  RedeliverWebhookCommand,
  WebhookDeliveryView
> {
  constructor(
    private readonly deliveries: WebhookDeliveryStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    caller,
    webhookId,
    deliveryId,
  }: RedeliverWebhookCommand): Promise<WebhookDeliveryView> {
    requireAdmin(caller);
    if (!(await this.deliveries.redeliver(webhookId, deliveryId, this.clock.now()))) {
      throw WebhookErrors.deliveryNotFound(deliveryId);
    }
    return deliveryView((await this.deliveries.find(webhookId, deliveryId))!);
  }
}
