import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { InlineProjectionRegistry } from '@app/event-store';
import { MailModule } from '@app/mail';
import { SeatingModule } from '@app/seating';
import { BookingWriter } from './application/booking.writer';
import {
  DemoPaymentGateway,
  PAYMENT_GATEWAY,
  WebhookPaymentGateway,
} from './application/payments/payment-gateway';
import { PaymentStartHandler } from './application/queries/payment-start/payment-start.handler';
import { BoardPassengerHandler } from './application/commands/board-passenger/board-passenger.handler';
import { RecordTicketEmailHandler } from './application/commands/record-ticket-email/record-ticket-email.handler';
import { CancelBookingHandler } from './application/commands/cancel-booking/cancel-booking.handler';
import { CancelForCancelledTripHandler } from './application/commands/cancel-for-cancelled-trip/cancel-for-cancelled-trip.handler';
import { RescheduleForDelayedTripHandler } from './application/commands/reschedule-for-delayed-trip/reschedule-for-delayed-trip.handler';
import { GetTripManifestHandler } from './application/queries/get-trip-manifest/get-trip-manifest.handler';
import { CancelPassengerHandler } from './application/commands/cancel-passenger/cancel-passenger.handler';
import { ChangeSeatHandler } from './application/commands/change-seat/change-seat.handler';
import { ConfirmSeatChangeHandler } from './application/commands/confirm-seat-change/confirm-seat-change.handler';
import { PassengerCancellationQuoteHandler } from './application/queries/passenger-cancellation-quote/passenger-cancellation-quote.handler';
import { CompleteBookingHandler } from './application/commands/complete-booking/complete-booking.handler';
import { ConfirmBookingHandler } from './application/commands/confirm-booking/confirm-booking.handler';
import { CreateBookingHandler } from './application/commands/create-booking/create-booking.handler';
import { ExpireBookingHandler } from './application/commands/expire-booking/expire-booking.handler';
import { ModifyBookingHandler } from './application/commands/modify-booking/modify-booking.handler';
import { BookingsProjection } from './application/projections/bookings.projection';
import { BookingHistoryHandler } from './application/queries/booking-history/booking-history.handler';
import { BookingStatsHandler } from './application/queries/booking-stats/booking-stats.handler';
import { GetBookingByReferenceHandler } from './application/queries/get-booking-by-reference/get-booking-by-reference.handler';
import { GetBookingHandler } from './application/queries/get-booking/get-booking.handler';
import { ListBookingsHandler } from './application/queries/list-bookings/list-bookings.handler';
import { GuestLookupHandler } from './application/queries/guest-lookup/guest-lookup.handler';
import { BookingReader } from './application/booking-reader';
import { BookingRepository } from './infrastructure/booking.repository';
import { GuestAccessCode } from './infrastructure/guest-access-code.entity';
import { GuestAccessCodeStore } from './infrastructure/guest-access-code.store';
import { GuestContactCheck } from './application/guest-contact.check';
import { GuestAccessCodes } from './application/guest-access-codes';
import { GuestContactProof } from './application/guest-contact.proof';
import { VerifyGuestAccessHandler } from './application/commands/verify-guest-access/verify-guest-access.handler';
import { ClaimGuestBookingHandler } from './application/commands/claim-guest-booking/claim-guest-booking.handler';

@Module({
  imports: [SeatingModule, MailModule, TypeOrmModule.forFeature([GuestAccessCode])],
  providers: [
    BookingReader,
    BookingRepository,
    BookingWriter,
    BookingsProjection,
    CreateBookingHandler,
    ConfirmBookingHandler,
    CancelBookingHandler,
    CancelForCancelledTripHandler,
    RescheduleForDelayedTripHandler,
    GetTripManifestHandler,
    CancelPassengerHandler,
    ChangeSeatHandler,
    ConfirmSeatChangeHandler,
    PassengerCancellationQuoteHandler,
    PaymentStartHandler,
    {
      provide: PAYMENT_GATEWAY,
      inject: [APP_CONFIG],
      useFactory: ({ payments }: AppConfig) =>
        payments.provider === 'demo'
          ? new DemoPaymentGateway()
          : new WebhookPaymentGateway(payments.checkoutUrl),
    },
    ModifyBookingHandler,
    ExpireBookingHandler,
    CompleteBookingHandler,
    BoardPassengerHandler,
    RecordTicketEmailHandler,
    GetBookingHandler,
    GetBookingByReferenceHandler,
    ListBookingsHandler,
    BookingStatsHandler,
    BookingHistoryHandler,
    GuestLookupHandler,
    GuestAccessCodeStore,
    GuestContactCheck,
    GuestAccessCodes,
    GuestContactProof,
    VerifyGuestAccessHandler,
    ClaimGuestBookingHandler,
  ],
  exports: [BookingReader],
})
export class BookingDomainModule implements OnModuleInit {
  constructor(
    private readonly projections: InlineProjectionRegistry,
    private readonly bookingsProjection: BookingsProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.bookingsProjection);
  }
}
