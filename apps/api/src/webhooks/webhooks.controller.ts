import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '@app/auth';
import {
  DeleteWebhookCommand,
  EnableWebhookCommand,
  ListWebhookDeliveriesQuery,
  ListWebhooksQuery,
  RedeliverWebhookCommand,
  RegisterWebhookCommand,
  WebhookDeliveryPage,
} from '@app/webhooks';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import { UuidParam } from '../http/validation';
import {
  RegisteredWebhookResponse,
  RegisterWebhookRequest,
  WebhookDeliveriesRequest,
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
} from './webhooks.dto';

@ApiTags('Webhooks (admin)')
@Controller('admin/webhooks')
@Authenticated('admin')
export class WebhooksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register an endpoint for some events; its signing secret is shown once',
    description:
      'Events: booking.created, booking.confirmed, booking.cancelled, booking.passenger_cancelled, ' +
      'booking.seat_changed, trip.cancelled, trip.delayed, ticket.boarded. Each is delivered at ' +
      'least once, from the event log through an outbox, in order per booking (and per trip), as ' +
      'JSON `{id, type, timestamp, data}` (ids, references, seats, money and times; no personal ' +
      'data) with the Standard Webhooks headers webhook-id, webhook-timestamp and ' +
      'webhook-signature. A receiver answers 2xx within WEBHOOK_TIMEOUT_MS; otherwise the ' +
      'delivery is retried with exponential backoff for WEBHOOK_RETRY_WINDOW_SECONDS (3 days), ' +
      'then it fails and the endpoint is disabled until enabled again.',
  })
  @ApiCreatedResponse({ type: RegisteredWebhookResponse })
  @Problems('webhook.invalid_url', 'webhook.limit_reached')
  register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterWebhookRequest,
  ): Promise<RegisteredWebhookResponse> {
    return this.commands.execute(new RegisterWebhookCommand(actor, body));
  }

  @Get()
  @ApiOperation({ summary: 'The registered endpoints (never their secrets)' })
  @ApiOkResponse({ type: WebhookEndpointListResponse })
  list(@CurrentActor() actor: Actor): Promise<WebhookEndpointListResponse> {
    return this.queries.execute(new ListWebhooksQuery(actor));
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint and its deliveries; nothing more is sent to it' })
  @ApiNoContentResponse()
  @Problems('webhook.not_found')
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('webhookId') webhookId: string,
  ): Promise<void> {
    await this.commands.execute(new DeleteWebhookCommand(actor, webhookId));
  }

  @Post(':webhookId/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable an endpoint disabled after persistent failure; its pending deliveries resume',
  })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @Problems('webhook.not_found')
  enable(
    @CurrentActor() actor: Actor,
    @UuidParam('webhookId') webhookId: string,
  ): Promise<WebhookEndpointResponse> {
    return this.commands.execute(new EnableWebhookCommand(actor, webhookId));
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({
    summary: 'An endpoint’s deliveries, newest first: status, attempts, last answer',
  })
  @ApiOkResponse({ type: WebhookDeliveryPageResponse })
  @Problems('webhook.not_found')
  deliveries(
    @CurrentActor() actor: Actor,
    @UuidParam('webhookId') webhookId: string,
    @Query() query: WebhookDeliveriesRequest,
  ): Promise<WebhookDeliveryPage> {
    return this.queries.execute(
      new ListWebhookDeliveriesQuery(actor, webhookId, {
        status: query.status,
        limit: query.limit ?? 20,
        offset: query.offset ?? 0,
      }),
    );
  }

  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again (failed or not), with a fresh retry window, in its order',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @Problems('webhook.delivery_not_found')
  redeliver(
    @CurrentActor() actor: Actor,
    @UuidParam('webhookId') webhookId: string,
    @UuidParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.commands.execute(new RedeliverWebhookCommand(actor, webhookId, deliveryId));
  }
}
