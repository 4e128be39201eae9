export { BookingDomainModule } from './booking-domain.module';
export { bookingMigrations } from './infrastructure/booking.migrations';
export { type BookingStats } from './infrastructure/booking.repository';
export { BookingReader } from './application/booking-reader';
export {
  type BookingEvent,
  type BookingStatus,
  type PaymentMethod,
  type PaymentStatus,
  BOOKING_EVENT_TYPES,
  BOOKING_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
} from './domain/booking.events';
export { type Booking } from './domain/booking.state';
export { PASSENGER_TYPES, type PassengerType, type PriceBreakdown } from './domain/pricing';
export { refundTermsOf } from './application/booking-policy';
export { type BookingView } from './application/booking.view';
export { CreateBookingCommand } from './application/commands/create-booking/create-booking.command';
export { ConfirmBookingCommand } from './application/commands/confirm-booking/confirm-booking.command';
export {
  CancelBookingCommand,
  type CancellationView,
} from './application/commands/cancel-booking/cancel-booking.command';
export {
  CancelPassengerCommand,
  type PassengerCancellationView,
} from './application/commands/cancel-passenger/cancel-passenger.command';
export {
  ChangeSeatCommand,
  type SeatChangeView,
} from './application/commands/change-seat/change-seat.command';
export { ConfirmSeatChangeCommand } from './application/commands/confirm-seat-change/confirm-seat-change.command';
export { PaymentStartQuery } from './application/queries/payment-start/payment-start.query';
export { type PaymentStart } from './application/payments/payment-gateway';
export { PassengerCancellationQuoteQuery } from './application/queries/passenger-cancellation-quote/passenger-cancellation-quote.query';
export { ModifyBookingCommand } from './application/commands/modify-booking/modify-booking.command';
export { ExpireBookingCommand } from './application/commands/expire-booking/expire-booking.command';
export { CompleteBookingCommand } from './application/commands/complete-booking/complete-booking.command';
export { GetBookingQuery } from './application/queries/get-booking/get-booking.query';
export { GetBookingByReferenceQuery } from './application/queries/get-booking-by-reference/get-booking-by-reference.query';
export {
  ListBookingsQuery,
  type BookingPage,
} from './application/queries/list-bookings/list-bookings.query';
export { BookingStatsQuery } from './application/queries/booking-stats/booking-stats.query';
export {
  BookingHistoryQuery,
  type BookingHistoryView,
} from './application/queries/booking-history/booking-history.query';
export { BoardPassengerCommand } from './application/commands/board-passenger/board-passenger.command';

export { RecordTicketEmailCommand } from './application/commands/record-ticket-email/record-ticket-email.command';
export { GuestLookupQuery } from './application/queries/guest-lookup/guest-lookup.query';
export { VerifyGuestAccessCommand } from './application/commands/verify-guest-access/verify-guest-access.command';
export { ClaimGuestBookingCommand } from './application/commands/claim-guest-booking/claim-guest-booking.command';
export { type GuestContact } from './application/guest-contact.check';
export { CancelForCancelledTripCommand } from './application/commands/cancel-for-cancelled-trip/cancel-for-cancelled-trip.command';
export { TRIP_CANCELLED_REASON } from './domain/booking.decide';
export { RescheduleForDelayedTripCommand } from './application/commands/reschedule-for-delayed-trip/reschedule-for-delayed-trip.command';
export {
  GetTripManifestQuery,
  type TripManifest,
} from './application/queries/get-trip-manifest/get-trip-manifest.query';
export { type ManifestLine } from './domain/manifest';
