import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@app/webhooks';
import { PageRequest } from '../http/page.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterWebhookRequest {
  @ApiProperty({
    example: 'https://erp.example.com/hooks/bus-booking',
    maxLength: 2048,
    description:
      'Where deliveries are POSTed. https in production; never a private, loopback or link-local address there (checked at registration and at every connection).',
  })
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    minItems: 1,
    example: ['booking.confirmed', 'booking.cancelled'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: (typeof WEBHOOK_EVENT_TYPES)[number][];

  @ApiPropertyOptional({ maxLength: 200, example: 'Accounting ERP' })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @MaxLength(200)
  description?: string;
}

export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true })
  events: string[];
  @ApiPropertyOptional() description?: string;
  @ApiProperty({
    enum: ['active', 'disabled'],
    description: 'disabled: a delivery failed for the whole retry window; enable it again',
  })
  status: string;
  @ApiPropertyOptional() disabledReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) disabledAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RegisteredWebhookResponse extends WebhookEndpointResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The signing secret, shown this once (Standard Webhooks): webhook-signature is `v1,` + base64 HMAC-SHA256, keyed with the base64 part of the secret, over `{webhook-id}.{webhook-timestamp}.{body}`.',
  })
  secret: string;
}

export class WebhookEndpointListResponse {
  @ApiProperty({ type: [WebhookEndpointResponse] }) items: WebhookEndpointResponse[];
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    format: 'uuid',
    description:
      'The webhook-id header and the body’s id: the same on every attempt (de-duplicate on it)',
  })
  messageId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType' }) eventType: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiPropertyOptional({ type: 'integer' }) lastStatusCode?: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional({ format: 'date-time' }) lastAttemptAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Pending: when it is tried next' })
  nextAttemptAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveredAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The JSON body: {id, type, timestamp, data}',
  })
  payload: Record<string, unknown>;
}

export class WebhookDeliveryPageResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class WebhookDeliveriesRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'succeeded', 'failed'])
  status?: 'pending' | 'succeeded' | 'failed';
}
