import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingDomainModule } from '@app/booking-domain';
import { DeleteWebhookHandler } from './application/commands/delete-webhook/delete-webhook.handler';
import { EnableWebhookHandler } from './application/commands/enable-webhook/enable-webhook.handler';
import { RedeliverWebhookHandler } from './application/commands/redeliver-webhook/redeliver-webhook.handler';
import { RegisterWebhookHandler } from './application/commands/register-webhook/register-webhook.handler';
import { ListWebhookDeliveriesHandler } from './application/queries/list-webhook-deliveries/list-webhook-deliveries.handler';
import { ListWebhooksHandler } from './application/queries/list-webhooks/list-webhooks.handler';
import { WebhookDispatcher } from './application/webhook-dispatcher';
import { WebhookOutbox } from './application/webhook-outbox';
import { WebhookDeliveryStore } from './infrastructure/webhook-delivery.store';
import { WebhookEndpointRow } from './infrastructure/webhook-endpoint.entity';
import { WebhookEndpointRepository } from './infrastructure/webhook-endpoint.repository';

@Module({
  imports: [BookingDomainModule, TypeOrmModule.forFeature([WebhookEndpointRow])],
  providers: [
    WebhookEndpointRepository,
    WebhookDeliveryStore,
    WebhookOutbox,
    WebhookDispatcher,
    RegisterWebhookHandler,
    DeleteWebhookHandler,
    EnableWebhookHandler,
    RedeliverWebhookHandler,
    ListWebhooksHandler,
    ListWebhookDeliveriesHandler,
  ],
  exports: [WebhookOutbox, WebhookDispatcher, WebhookDeliveryStore],
})
export class WebhooksModule {}
