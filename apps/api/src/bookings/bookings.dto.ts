import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BOOKING_EVENT_TYPES,
  BOOKING_STATUSES,
  PASSENGER_TYPES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  PaymentMethod,
} from '@app/booking-domain';
import { MoneyDto } from '../catalog/catalog.dto';
import { PageRequest } from '../http/page.dto';
import {
  IsCalendarDate,
  RFC3339,
  RFC3339_MESSAGE,
  SEAT_NUMBER,
  SEAT_NUMBER_MESSAGE,
} from '../http/validation';

export class PassengerRequest {
  @ApiProperty({ example: 'S1' })
  @IsString()
  @Matches(SEAT_NUMBER, { message: SEAT_NUMBER_MESSAGE })
  seatNumber: string;

  @ApiProperty({ example: 'Nguyễn Thị Ánh' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  fullName: string;

  @ApiProperty({ enum: ['citizen_id', 'passport'] })
  @IsIn(['citizen_id', 'passport'])
  idType: 'citizen_id' | 'passport';

  @ApiProperty({
    example: '079123456789',
    description: 'Citizen ID: 12 digits; passport: 6–9 letters or digits',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  idNumber: string;

  @ApiProperty({ example: '+84912345678', description: 'E.164, or a national number' })
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  phone: string;

  @ApiPropertyOptional({ example: 'anh@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ enum: PASSENGER_TYPES, enumName: 'PassengerType' })
  @IsIn(PASSENGER_TYPES)
  passengerType: (typeof PASSENGER_TYPES)[number];

  @ApiPropertyOptional({ description: 'The passenger needs an accessible seat (default false)' })
  @IsOptional()
  @IsBoolean()
  needsAccessibleSeat?: boolean;
}

export class ContactRequest {
  @ApiProperty({ example: 'anh@example.com' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '+84912345678' })
  @IsString()
  @MaxLength(30)
  phone: string;
}

export class CreateBookingRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tripId: string;

  @ApiProperty({ type: [String], example: ['S1', 'S2'], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(SEAT_NUMBER, { each: true, message: SEAT_NUMBER_MESSAGE })
  seatNumbers: string[];

  @ApiProperty({ type: [PassengerRequest], description: 'One per seat' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each passenger must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PassengerRequest)
  passengers: PassengerRequest[];

  @ApiProperty({ type: ContactRequest })
  @IsObject({ message: 'contact must be an object' })
  @ValidateNested()
  @Type(() => ContactRequest)
  contact: ContactRequest;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'The total the client showed (minor units); a different server total → 409 price.changed',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  expectedTotal?: number;
}

export class ModifyBookingRequest {
  @ApiPropertyOptional({ type: [String], example: ['S3', 'S4'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(SEAT_NUMBER, { each: true, message: SEAT_NUMBER_MESSAGE })
  seatNumbers?: string[];

  @ApiPropertyOptional({ type: [PassengerRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each passenger must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PassengerRequest)
  passengers?: PassengerRequest[];
}

/** A payment provider's reference, as bookings record it (the demo's and the webhook's). */
export const PAYMENT_REFERENCE = /^[A-Za-z0-9._:/-]{1,100}$/;

export class ConfirmBookingRequest {
  @ApiProperty({ example: 'PAY-20261125-0001', description: 'The payment provider’s reference' })
  @IsString()
  @Matches(PAYMENT_REFERENCE, {
    message: 'paymentReference must be 1-100 letters, digits or . _ : / -',
  })
  paymentReference: string;

  @ApiProperty({ enum: PAYMENT_METHODS, enumName: 'PaymentMethod', example: 'card' })
  @IsIn(PAYMENT_METHODS, { message: `paymentMethod must be one of ${PAYMENT_METHODS.join(', ')}` })
  paymentMethod: PaymentMethod;
}

export class CancelBookingRequest {
  @ApiPropertyOptional({ example: 'change of plans', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class ListBookingsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['upcoming', 'pending', 'confirmed', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['upcoming', 'pending', 'confirmed', 'completed', 'cancelled'])
  status?: 'upcoming' | 'pending' | 'confirmed' | 'completed' | 'cancelled';

  @ApiPropertyOptional({ format: 'date-time', description: 'Departing at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Departing before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Part of a booking reference' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  q?: string;

  @ApiPropertyOptional({
    enum: ['departureAt', 'createdAt', 'status', 'reference'],
    default: 'departureAt',
  })
  @IsOptional()
  @IsIn(['departureAt', 'createdAt', 'status', 'reference'])
  sort?: 'departureAt' | 'createdAt' | 'status' | 'reference';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class PriceLineResponse {
  @ApiProperty() seatNumber: string;
  @ApiProperty({ enum: PASSENGER_TYPES, enumName: 'PassengerType' }) passengerType: string;
  @ApiProperty({ type: MoneyDto }) base: MoneyDto;
  @ApiProperty({ type: MoneyDto }) discount: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'base − discount' }) net: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'VAT on net' }) tax: MoneyDto;
}

export class PriceBreakdownResponse {
  @ApiProperty({ type: [PriceLineResponse] }) lines: PriceLineResponse[];
  @ApiProperty({ type: MoneyDto }) subtotal: MoneyDto;
  @ApiProperty({ type: MoneyDto }) tax: MoneyDto;
  @ApiProperty({ type: MoneyDto }) total: MoneyDto;
}

export class PassengerResponse {
  @ApiProperty({ format: 'uuid', description: 'Stable for the passenger’s life in the booking' })
  passengerId: string;
  @ApiProperty() seatNumber: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['citizen_id', 'passport'] }) idType: string;
  @ApiProperty({ description: 'Masked (last 4) unless the caller owns the booking' })
  idNumber: string;
  @ApiProperty({ description: 'Masked unless the caller owns the booking' }) phone: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty({ enum: PASSENGER_TYPES, enumName: 'PassengerType' }) passengerType: string;
  @ApiProperty() needsAccessibleSeat: boolean;
}

export class BookingTripResponse {
  @ApiProperty() origin: string;
  @ApiProperty() destination: string;
  @ApiProperty({ format: 'date-time' }) departureAt: string;
  @ApiProperty({ format: 'date-time' }) arrivalAt: string;
  @ApiProperty() busName: string;
  @ApiProperty() plateNumber: string;
}

export class BookingTripDelayResponse {
  @ApiProperty({ format: 'date-time', description: 'The departure first scheduled' })
  scheduledDepartureAt: string;
  @ApiProperty({ type: 'integer', description: 'Minutes late, from the scheduled departure' })
  delayMinutes: number;
  @ApiProperty({ description: 'Why, as the operator gave it' }) reason: string;
  @ApiProperty({ format: 'date-time', description: 'When the booking learnt of it' })
  rescheduledAt: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'A long delay: cancelling refunds everything paid until then (DELAY_FREE_CANCELLATION_*)',
  })
  freeCancellationUntil?: string;
}

export class PaymentResponse {
  @ApiProperty() reference: string;
  @ApiProperty({ enum: PAYMENT_METHODS, enumName: 'PaymentMethod' }) method: string;
  @ApiProperty({ type: MoneyDto }) amount: MoneyDto;
  @ApiProperty({ format: 'date-time' }) confirmedAt: string;
}

export class RefundResponse {
  @ApiProperty({ type: MoneyDto }) amount: MoneyDto;
  @ApiProperty({ type: 'integer' }) percent: number;
}

export class CancellationResponse {
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['owner', 'admin', 'system'] }) cancelledBy: string;
  @ApiProperty({ type: RefundResponse }) refund: RefundResponse;
  @ApiProperty({ format: 'date-time' }) cancelledAt: string;
}

export class PaymentStartResponse {
  @ApiProperty({
    enum: ['demo', 'webhook'],
    description: 'demo: no money moves (label it as a demo); webhook: a real provider',
  })
  provider: string;
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ description: 'The booking reference, for the provider’s order' })
  reference: string;
  @ApiProperty({ type: MoneyDto }) amount: MoneyDto;
  @ApiProperty({ format: 'date-time', description: 'Pay before this, or the booking expires' })
  expiresAt: string;
  @ApiProperty({
    enum: ['confirm', 'provider'],
    description:
      'confirm: POST /bookings/{id}/confirm declares the payment (demo); provider: pay at ' +
      'checkoutUrl, the provider’s webhook confirms',
  })
  next: string;
  @ApiPropertyOptional({ description: 'The provider’s checkout for this booking' })
  checkoutUrl?: string;
}

export class BookingRefundResponse {
  @ApiProperty({ type: MoneyDto }) amount: MoneyDto;
  @ApiProperty({ type: 'integer' }) percent: number;
  @ApiPropertyOptional({ description: 'The passenger refunded; absent for the whole booking' })
  passengerId?: string;
  @ApiPropertyOptional() seatNumber?: string;
  @ApiProperty({ format: 'date-time' }) refundedAt: string;
}

export class CancelledPassengerResponse {
  @ApiProperty() passengerId: string;
  @ApiProperty() seatNumber: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: RefundResponse }) refund: RefundResponse;
  @ApiProperty({ enum: ['owner', 'admin', 'system'] }) cancelledBy: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt: string;
}

export class PassengerCancellationResponse {
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty() passengerId: string;
  @ApiProperty() seatNumber: string;
  @ApiProperty({
    enum: BOOKING_STATUSES,
    enumName: 'BookingStatus',
    description: 'The booking after: cancelled when this was its last passenger',
  })
  bookingStatus: string;
  @ApiProperty({ type: RefundResponse }) refund: RefundResponse;
  @ApiProperty({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' }) paymentStatus: string;
  @ApiProperty({ type: MoneyDto, description: 'What the passengers who remain cost' })
  remainingTotal: MoneyDto;
  @ApiProperty({ format: 'date-time' }) cancelledAt: string;
}

export class PassengerSeatChangeRequest {
  @ApiProperty({ format: 'uuid', description: 'The passenger who moves' })
  @IsUUID('all', { message: 'passengerId must be a UUID' })
  passengerId: string;

  @ApiProperty({ example: 'B03', description: 'Free, or held by the caller' })
  @IsString()
  @Matches(SEAT_NUMBER, { message: SEAT_NUMBER_MESSAGE })
  toSeatNumber: string;
}

export class SeatChangePaymentResponse {
  @ApiProperty({ enum: ['demo', 'webhook'] }) provider: 'demo' | 'webhook';
  @ApiProperty({
    enum: ['confirm', 'provider'],
    description:
      'confirm: declare it with POST …/seat-changes/{changeId}/confirm (demo provider); ' +
      'provider: pay at `checkoutUrl`, the provider’s signed webhook (with `seatChangeId`) moves ' +
      'the passenger',
  })
  next: 'confirm' | 'provider';
  @ApiPropertyOptional({ description: 'PAYMENT_CHECKOUT_URL filled in for this difference' })
  checkoutUrl?: string;
}

export class PassengerSeatChangeResponse {
  @ApiProperty({ format: 'uuid' }) changeId: string;
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty() passengerId: string;
  @ApiProperty() fromSeat: string;
  @ApiProperty() toSeat: string;
  @ApiProperty({
    enum: ['changed', 'awaiting_payment'],
    description: 'changed: moved (same or cheaper fare); awaiting_payment: a dearer seat',
  })
  status: string;
  @ApiPropertyOptional({ type: MoneyDto, description: 'Awaiting payment: the difference due' })
  amountDue?: MoneyDto;
  @ApiPropertyOptional({ format: 'date-time', description: 'Awaiting payment: pay by then' })
  expiresAt?: string;
  @ApiPropertyOptional({
    type: SeatChangePaymentResponse,
    description: 'Awaiting payment: how to pay the difference',
  })
  payment?: SeatChangePaymentResponse;
  @ApiPropertyOptional({
    type: RefundResponse,
    description: 'A cheaper seat: the difference refunded',
  })
  refund?: RefundResponse;
  @ApiProperty({ type: PriceBreakdownResponse }) price: PriceBreakdownResponse;
}

export class SeatChangeRecordResponse {
  @ApiProperty({ format: 'uuid' }) changeId: string;
  @ApiProperty() passengerId: string;
  @ApiProperty() fromSeat: string;
  @ApiProperty() toSeat: string;
  @ApiPropertyOptional({ type: RefundResponse }) refund?: RefundResponse;
  @ApiPropertyOptional({ type: MoneyDto }) paid?: MoneyDto;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class PendingSeatChangeResponse {
  @ApiProperty({ format: 'uuid' }) changeId: string;
  @ApiProperty() passengerId: string;
  @ApiProperty() fromSeat: string;
  @ApiProperty() toSeat: string;
  @ApiProperty({ type: PriceBreakdownResponse }) price: PriceBreakdownResponse;
  @ApiProperty({ type: MoneyDto }) amountDue: MoneyDto;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class BookingResponse {
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ example: 'BUS20261125K7QM4XAB3C9' }) bookingReference: string;
  @ApiProperty({ enum: BOOKING_STATUSES, enumName: 'BookingStatus' }) status: string;
  @ApiProperty({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' })
  paymentStatus: string;
  @ApiProperty({ description: 'Made at guest checkout (still true once claimed by a user)' })
  guest: boolean;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When a registered user claimed this guest booking',
  })
  claimedAt?: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ type: BookingTripResponse }) trip: BookingTripResponse;
  @ApiProperty({ type: [String] }) seatNumbers: string[];
  @ApiProperty({ type: [PassengerResponse] }) passengers: PassengerResponse[];
  @ApiProperty({ type: ContactRequest }) contact: ContactRequest;
  @ApiProperty({ type: PriceBreakdownResponse }) priceBreakdown: PriceBreakdownResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    format: 'date-time',
    description: 'A pending booking is cancelled (expired) then',
  })
  expiresAt: string;
  @ApiPropertyOptional({ type: PaymentResponse }) payment?: PaymentResponse;
  @ApiPropertyOptional({ type: CancellationResponse }) cancellation?: CancellationResponse;
  @ApiProperty({
    type: [CancelledPassengerResponse],
    description: 'Passengers cancelled on their own, in order',
  })
  cancelledPassengers: CancelledPassengerResponse[];
  @ApiProperty({
    type: [BookingRefundResponse],
    description: 'Every refund: passengers’ lines, then the whole booking’s',
  })
  refunds: BookingRefundResponse[];
  @ApiProperty({
    type: () => [SeatChangeRecordResponse],
    description: 'Seats changed after payment',
  })
  seatChanges: SeatChangeRecordResponse[];
  @ApiPropertyOptional({
    type: () => PendingSeatChangeResponse,
    description: 'A dearer seat asked for, payable until its expiresAt',
  })
  pendingSeatChange?: PendingSeatChangeResponse;
  @ApiPropertyOptional({
    type: () => BookingTripDelayResponse,
    description: 'The trip was delayed after booking: trip.departureAt is the new time',
  })
  tripDelay?: BookingTripDelayResponse;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiProperty({
    description:
      'Personal data is shown masked: the caller is not the owner (nor a guest who proved the contact with a one-time code)',
  })
  masked: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class BookingPageResponse {
  @ApiProperty({ type: [BookingResponse] }) items: BookingResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class CancelledBookingResponse {
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ enum: ['cancelled'] }) status: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: RefundResponse }) refund: RefundResponse;
  @ApiProperty({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' })
  paymentStatus: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt: string;
}

export class BookingCountsResponse {
  @ApiProperty({ type: 'integer' }) pending: number;
  @ApiProperty({ type: 'integer' }) confirmed: number;
  @ApiProperty({ type: 'integer' }) completed: number;
  @ApiProperty({ type: 'integer' }) cancelled: number;
}

export class BookingStatsResponse {
  @ApiProperty({ type: 'integer' }) totalBookings: number;
  @ApiProperty({ type: 'integer', description: 'Seats of bookings not cancelled' })
  totalSeats: number;
  @ApiProperty({ type: MoneyDto, description: 'Paid, less refunds' }) amountSpent: MoneyDto;
  @ApiProperty({ type: BookingCountsResponse, description: 'Bookings in each status' })
  byStatus: BookingCountsResponse;
}

export class AuditActorResponse {
  @ApiProperty({ enum: ['user', 'guest', 'admin', 'system'] }) kind: string;
  @ApiProperty({ description: 'User id, guest session id, or `system`' }) id: string;
}

export class AuditEntryResponse {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: BOOKING_EVENT_TYPES, enumName: 'BookingEventType' }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: AuditActorResponse }) actor: AuditActorResponse;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class BookingHistoryResponse {
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ type: [AuditEntryResponse] }) entries: AuditEntryResponse[];
}

const BookingReferenceField = () =>
  applyDecorators(
    ApiProperty({
      example: 'BUS20261125K7QM4XAB3C9',
      description: 'Case, spaces and hyphens ignored',
    }),
    IsString(),
    MinLength(1),
    MaxLength(64),
  );

const OneTimeCodeField = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: '042917',
      description: 'With GUEST_OTP_REQUIRED: the code e-mailed after a first call without it',
    }),
    IsOptional(),
    Matches(/^\d{6}$/, { message: 'code must be the 6 digits from the e-mail' }),
  );

export class GuestLookupRequest {
  @BookingReferenceField()
  reference: string;

  @ApiPropertyOptional({ example: 'anh@example.com', description: 'The contact e-mail (or phone)' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    example: '0912 345 678',
    description: 'The contact phone, any format (or e-mail)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;
}

export class GuestVerifyRequest extends GuestLookupRequest {
  @OneTimeCodeField()
  code?: string;
}

export class GuestAccessResponse {
  @ApiProperty({ enum: ['granted'], description: 'Tells this answer from `code_sent`' })
  status: 'granted';
  @ApiProperty({
    type: BookingResponse,
    description: 'Personal data masked unless the contact was proved with a one-time code',
  })
  booking: BookingResponse;
  @ApiProperty({
    description:
      'Bearer token for this booking only: view, change while pending, pay, cancel, resend',
  })
  accessToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class CodeSentResponse {
  @ApiProperty({ enum: ['code_sent'] }) status: 'code_sent';
  @ApiProperty({ type: 'integer', description: 'How long the code is valid' })
  expiresInSeconds: number;
  @ApiProperty() message: string;
}

export class ClaimBookingRequest {
  @BookingReferenceField()
  reference: string;

  @ApiProperty({ example: 'anh@example.com', description: 'The e-mail given as the contact' })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  email: string;

  @OneTimeCodeField()
  code?: string;
}
