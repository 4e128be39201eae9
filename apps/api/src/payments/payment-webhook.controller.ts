import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  HttpCode,
  Inject,
  Injectable,
  Post,
  UseGuards,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { SYSTEM_ACTOR } from '@app/auth';
import {
  ConfirmBookingCommand,
  ConfirmSeatChangeCommand,
  GetBookingQuery,
} from '@app/booking-domain';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { Problems } from '../http/problems';
import { PaymentWebhookRequest, PaymentWebhookResponse } from './payment-webhook.dto';
import { isSignedDelivery } from './webhook-signature';

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** Refuses any delivery not signed with PAYMENT_WEBHOOK_SECRET before its body is read. */
@Injectable()
export class SignedWebhookGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const signed = isSignedDelivery(
      this.config.payments.webhookSecret,
      {
        id: header(request, 'webhook-id'),
        timestamp: header(request, 'webhook-timestamp'),
        signatures: header(request, 'webhook-signature'),
        body: (request as { rawBody?: string }).rawBody ?? '',
      },
      this.clock.now(),
    );
    if (this.config.payments.provider === 'webhook' && signed) return true;
    throw new DomainError(
      'payment.invalid_signature',
      'The delivery is not signed with this service’s payment webhook secret, or is too old.',
    );
  }
}

/**
 * The payment provider's callback (PAYMENT_PROVIDER=webhook): a signed `payment.succeeded`
 * confirms the booking with the provider's reference, when the amount is the booking's total.
 * Deliveries repeat (at least once): the same reference again changes nothing.
 */
@ApiTags('Payments')
@Controller('payments')
export class PaymentWebhookController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('webhook')
  @UseGuards(SignedWebhookGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'The payment provider’s signed callback',
    description:
      'Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix seconds, within 5 minutes) and ' +
      '`webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body with ' +
      'PAYMENT_WEBHOOK_SECRET>`, space-separated). Anything unsigned is refused before it is read.',
  })
  @ApiOkResponse({ type: PaymentWebhookResponse })
  @Problems(
    'payment.invalid_signature',
    'payment.amount_mismatch',
    'booking.not_found',
    'booking.expired',
    'booking.not_confirmable',
    'booking.already_confirmed',
    'booking.seat_change_not_found',
    'booking.seat_change_expired',
    'booking.seat_change_closed',
    'booking.boarded',
    'seat.unavailable',
    'trip.cancelled',
    'stream.version_conflict',
  )
  async receive(@Body() delivery: PaymentWebhookRequest): Promise<PaymentWebhookResponse> {
    if (delivery.type !== 'payment.succeeded')
      return { received: true, bookingStatus: 'unchanged' };
    const { bookingId, providerReference, method, amount, seatChangeId } = delivery.data;
    if (seatChangeId) {
      await this.commands.execute(
        new ConfirmSeatChangeCommand(SYSTEM_ACTOR, bookingId, seatChangeId, {
          paymentReference: providerReference,
          paymentMethod: method,
          amount,
        }),
      );
      const booking = await this.queries.execute(new GetBookingQuery(SYSTEM_ACTOR, bookingId));
      return { received: true, bookingStatus: booking.status, seatChangeStatus: 'changed' };
    }
    const booking = await this.commands.execute(
      new ConfirmBookingCommand(SYSTEM_ACTOR, bookingId, {
        paymentReference: providerReference,
        paymentMethod: method,
        amount,
      }),
    );
    return { received: true, bookingStatus: booking.status };
  }
}
