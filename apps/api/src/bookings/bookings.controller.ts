import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, isAdmin } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  BookingHistoryQuery,
  BookingHistoryView,
  BookingView,
  CancelBookingCommand,
  CancellationView,
  CancelPassengerCommand,
  ChangeSeatCommand,
  ConfirmBookingCommand,
  ConfirmSeatChangeCommand,
  CreateBookingCommand,
  GetBookingByReferenceQuery,
  GetBookingQuery,
  ModifyBookingCommand,
  PassengerCancellationQuoteQuery,
  PassengerCancellationView,
  PaymentStart,
  PaymentStartQuery,
  SeatChangeView,
} from '@app/booking-domain';
import { DomainError } from '@app/errors';
import { Authenticated, CurrentActor } from '../http/auth';
import { Idempotent } from '../http/idempotency';
import { Problems } from '../http/problems';
import { REFUND_TERMS } from '../http/openapi-document';
import { RateLimited } from '../http/rate-limit';
import { UuidParam } from '../http/validation';
import {
  BookingHistoryResponse,
  BookingResponse,
  CancelBookingRequest,
  CancelledBookingResponse,
  ConfirmBookingRequest,
  CreateBookingRequest,
  ModifyBookingRequest,
  PassengerCancellationResponse,
  PassengerSeatChangeRequest,
  PaymentStartResponse,
  PassengerSeatChangeResponse,
} from './bookings.dto';

/** Why a passenger's cancellation (or its quote) is refused. */
const PASSENGER_CANCELLATION_RULES = [
  'booking.passenger_not_found',
  'booking.not_cancellable',
  'booking.departed',
  'booking.boarded',
  'booking.expired',
] as const;

const BOOKING_RULES = [
  'seat.not_held',
  'seat.unknown',
  'seat.duplicate',
  'seat.limit_exceeded',
  'seat.unavailable',
  'booking.no_seats',
  'passenger.seat_mismatch',
  'passenger.invalid_name',
  'passenger.invalid_id_number',
  'passenger.invalid_phone',
  'passenger.invalid_email',
  'passenger.accessible_seat_required',
  'contact.invalid_email',
  'contact.invalid_phone',
  'trip.departed',
  'trip.cancelled',
  'trip.sales_closed',
  'trip.rescheduled',
  'trip.not_found',
  'stream.version_conflict',
] as const;

@ApiTags('Bookings')
@Controller('bookings')
@Authenticated()
@Problems('booking.not_found')
export class BookingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @RateLimited('booking-create')
  @ApiOperation({
    summary: 'Turn the caller’s held seats into a pending booking',
    description:
      'Every seat must be held by the caller; the holds become the booking’s. The price is ' +
      'computed here (fare by seat type, passenger discounts, VAT, rounded half up per line). ' +
      'Pay within BOOKING_PAYMENT_WINDOW_SECONDS (confirm), or the booking expires and its seats are freed.',
  })
  @ApiCreatedResponse({ type: BookingResponse })
  @Problems(...BOOKING_RULES, 'price.changed', 'auth.booking_scoped')
  createBooking(
    @CurrentActor() actor: Actor,
    @Body() body: CreateBookingRequest,
  ): Promise<BookingView> {
    return this.commands.execute(new CreateBookingCommand(actor, body));
  }

  @Get('reference/:reference')
  @ApiOperation({
    summary: 'A booking by its reference (case, spaces and hyphens ignored)',
  })
  @ApiParam({ name: 'reference', example: 'BUS20261125K7QM4XAB3C9' })
  @ApiOkResponse({ type: BookingResponse })
  getBookingByReference(
    @CurrentActor() actor: Actor,
    @Param('reference') reference: string,
  ): Promise<BookingView> {
    if (reference.length > 64) {
      throw new DomainError('booking.not_found', 'No booking has this reference.');
    }
    return this.queries.execute(new GetBookingByReferenceQuery(actor, reference));
  }

  @Get(':bookingId')
  @ApiOperation({ summary: 'A booking (its owner sees personal data in clear, admins masked)' })
  @ApiOkResponse({ type: BookingResponse })
  getBooking(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
  ): Promise<BookingView> {
    return this.queries.execute(new GetBookingQuery(actor, bookingId));
  }

  @Patch(':bookingId')
  @ApiOperation({
    summary: 'Change seats and/or passengers of a pending booking; the price is recomputed',
    description:
      'New seats must be free or held by the owner; seats no longer in the booking are freed in the same step.',
  })
  @ApiOkResponse({ type: BookingResponse })
  @Problems(...BOOKING_RULES, 'booking.not_modifiable')
  modifyBooking(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @Body() body: ModifyBookingRequest,
  ): Promise<BookingView> {
    return this.commands.execute(new ModifyBookingCommand(actor, bookingId, body));
  }

  @Get(':bookingId/payment')
  @ApiOperation({
    summary: 'How to pay this pending booking with the configured provider',
    description:
      'The payment port’s answer: with the demo provider (PAYMENT_PROVIDER=demo, never the ' +
      'default in production) `next: confirm` — declare the payment with POST …/confirm; with a ' +
      'real one `next: provider` — pay at `checkoutUrl` (PAYMENT_CHECKOUT_URL filled in), and the ' +
      'provider’s signed webhook confirms the booking.',
  })
  @ApiOkResponse({ type: PaymentStartResponse })
  @Problems('booking.expired', 'booking.not_confirmable', 'booking.already_confirmed')
  getPayment(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
  ): Promise<PaymentStart> {
    return this.queries.execute(new PaymentStartQuery(actor, bookingId));
  }

  @Post(':bookingId/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the payment (demo provider, or an admin); idempotent for the same paymentReference',
    description:
      'With the demo payment provider (PAYMENT_PROVIDER=demo) the traveller’s confirm is the ' +
      'payment. With a real one a traveller cannot declare a payment: 422 ' +
      '`payment.provider_required`, whose `payment` member says how to pay (as GET …/payment ' +
      'does: the provider’s checkout); the provider confirms through POST /payments/webhook. An ' +
      'admin may always confirm (a payment taken at the counter).',
  })
  @ApiOkResponse({ type: BookingResponse })
  @Problems(
    'payment.provider_required',
    'booking.expired',
    'booking.not_confirmable',
    'booking.already_confirmed',
    'stream.version_conflict',
  )
  async confirmBooking(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @Body() body: ConfirmBookingRequest,
  ): Promise<BookingView> {
    if (this.config.payments.provider !== 'demo' && !isAdmin(actor)) {
      const payment = await this.queries.execute(new PaymentStartQuery(actor, bookingId));
      throw new DomainError(
        'payment.provider_required',
        'This booking is paid through the payment provider, which confirms it: pay as `payment` says.',
        { extensions: { payment } },
      );
    }
    return this.commands.execute(new ConfirmBookingCommand(actor, bookingId, body));
  }

  /** Travellers declare payments only with the demo provider; a real one confirms itself. */
  private requireDemoPaymentsOrAdmin(actor: Actor): void {
    if (this.config.payments.provider !== 'demo' && !isAdmin(actor)) {
      throw new DomainError(
        'payment.provider_required',
        'This booking is paid through the payment provider, which confirms it; it cannot be confirmed here.',
      );
    }
  }

  @Delete(':bookingId')
  @ApiOperation({
    summary: 'Cancel; the seats are free at once',
    description: `A confirmed booking is refunded by the configured tiers (REFUND_TIERS). ${REFUND_TERMS}`,
  })
  @ApiOkResponse({ type: CancelledBookingResponse })
  @Problems(
    'booking.not_cancellable',
    'booking.departed',
    'booking.boarded',
    'stream.version_conflict',
  )
  cancelBooking(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @Query() query: CancelBookingRequest,
  ): Promise<CancellationView> {
    return this.commands.execute(
      new CancelBookingCommand(actor, bookingId, query.reason?.trim() || 'requested'),
    );
  }

  @Get(':bookingId/passengers/:passengerId/cancellation-quote')
  @ApiOperation({
    summary: 'What cancelling one passenger would refund now (nothing is changed)',
    description:
      'The refund offer before committing: the same decision as the cancellation, made now. ' +
      REFUND_TERMS,
  })
  @ApiOkResponse({ type: PassengerCancellationResponse })
  @Problems(...PASSENGER_CANCELLATION_RULES)
  quotePassengerCancellation(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @UuidParam('passengerId') passengerId: string,
  ): Promise<PassengerCancellationView> {
    return this.queries.execute(new PassengerCancellationQuoteQuery(actor, bookingId, passengerId));
  }

  @Delete(':bookingId/passengers/:passengerId')
  @ApiOperation({
    summary: 'Cancel one passenger; their seat is free at once',
    description:
      'Pending booking: the passenger and seat leave, the price is that of the others. Confirmed ' +
      'booking: that passenger’s line (discount and VAT included) is refunded by the same tiers as ' +
      'a whole cancellation, the booking stays confirmed for the others and their e-tickets are ' +
      'e-mailed again; the cancelled passenger’s QR code is refused at boarding. Cancelling the ' +
      `last passenger cancels the booking. ${REFUND_TERMS}`,
  })
  @ApiOkResponse({ type: PassengerCancellationResponse })
  @Problems(...PASSENGER_CANCELLATION_RULES, 'stream.version_conflict')
  cancelPassenger(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @UuidParam('passengerId') passengerId: string,
    @Query() query: CancelBookingRequest,
  ): Promise<PassengerCancellationView> {
    return this.commands.execute(
      new CancelPassengerCommand(
        actor,
        bookingId,
        passengerId,
        query.reason?.trim() || 'requested',
      ),
    );
  }

  @Post(':bookingId/seat-changes')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Move a paid booking’s passenger to another seat',
    description:
      'Until SEAT_CHANGE_CUTOFF_HOURS before departure. The new seat must be free or held by ' +
      'the caller. The same or a cheaper fare moves at once (the difference refunded): the new ' +
      'seat is taken and the old one freed in one step. A dearer seat answers awaiting_payment ' +
      'with the amount due: pay it with POST …/seat-changes/{changeId}/confirm (the seat is ' +
      'taken then, if still free or held by the caller — hold it meanwhile). The passenger’s ' +
      'old QR code is revoked (ticket.revoked, and listed by GET /tickets/revocations); the new ' +
      'e-ticket is e-mailed.',
  })
  @ApiCreatedResponse({ type: PassengerSeatChangeResponse })
  @Problems(
    'booking.passenger_not_found',
    'booking.not_modifiable',
    'booking.seat_change_closed',
    'booking.boarded',
    'seat.unknown',
    'seat.unavailable',
    'trip.cancelled',
    'stream.version_conflict',
  )
  changeSeat(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @Body() body: PassengerSeatChangeRequest,
  ): Promise<SeatChangeView> {
    return this.commands.execute(
      new ChangeSeatCommand(actor, bookingId, body.passengerId, body.toSeatNumber),
    );
  }

  @Post(':bookingId/seat-changes/:changeId/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pay a dearer seat’s difference: the passenger moves',
    description:
      'Idempotent for the same change. With the demo payment provider the traveller confirms ' +
      'here; with a real one only an admin may (payment.provider_required otherwise).',
  })
  @ApiOkResponse({ type: PassengerSeatChangeResponse })
  @Problems(
    'payment.provider_required',
    'booking.seat_change_not_found',
    'booking.seat_change_expired',
    'booking.seat_change_closed',
    'booking.not_modifiable',
    'booking.passenger_not_found',
    'booking.boarded',
    'seat.unavailable',
    'trip.cancelled',
    'stream.version_conflict',
  )
  confirmSeatChange(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @UuidParam('changeId') changeId: string,
    @Body() body: ConfirmBookingRequest,
  ): Promise<SeatChangeView> {
    this.requireDemoPaymentsOrAdmin(actor);
    return this.commands.execute(new ConfirmSeatChangeCommand(actor, bookingId, changeId, body));
  }

  @Get(':bookingId/history')
  @ApiOperation({ summary: 'The audit trail: every change, who made it, when and why' })
  @ApiOkResponse({ type: BookingHistoryResponse })
  getBookingHistory(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
  ): Promise<BookingHistoryView> {
    return this.queries.execute(new BookingHistoryQuery(actor, bookingId));
  }
}
