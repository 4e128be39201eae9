import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * The operator's booking terms as configured (pricing, holds, payment window, refunds), so that
 * a client can show them before the booking exists: the discounts and VAT behind the price a
 * traveller reviews, and the cancellation terms built from the refund tiers.
 */

export class PassengerDiscountsResponse {
  @ApiProperty({ type: 'integer', description: 'Percent of the seat fare', example: 0 })
  adult: number;
  @ApiProperty({ type: 'integer', description: 'Percent of the seat fare', example: 25 })
  child: number;
  @ApiProperty({ type: 'integer', description: 'Percent of the seat fare', example: 15 })
  senior: number;
}

export class RefundTierResponse {
  @ApiProperty({
    type: 'integer',
    description: 'Cancelled at least this many hours before departure',
    example: 24,
  })
  hoursBefore: number;
  @ApiProperty({
    type: 'integer',
    description: 'Share of the amount paid that is refunded',
    example: 90,
  })
  percent: number;
}

export class BookingPolicyResponse {
  @ApiProperty({ example: 'VND', description: 'Currency of every fare (ISO 4217)' })
  currency: string;

  @ApiProperty({
    example: 'Asia/Ho_Chi_Minh',
    description: 'Time zone of the catalog: trips’ local times and the `date` filter of /trips',
  })
  timeZone: string;

  @ApiProperty({
    type: 'integer',
    example: 5,
    description: 'Default seats per booking (each trip states its own `maxSeatsPerBooking`)',
  })
  maxSeatsPerBooking: number;

  @ApiProperty({
    type: 'integer',
    example: 900,
    description: 'How long a seat hold lasts; extending moves its end to now + this',
  })
  seatHoldSeconds: number;

  @ApiProperty({
    type: 'integer',
    example: 2700,
    description: 'No hold lasts longer than this from its creation, extensions included',
  })
  seatHoldMaxLifetimeSeconds: number;

  @ApiProperty({
    type: 'integer',
    example: 900,
    description: 'A pending booking not confirmed within this is cancelled (expired)',
  })
  paymentWindowSeconds: number;

  @ApiProperty({
    type: PassengerDiscountsResponse,
    description: 'Discount by passenger type, rounded half up per seat',
  })
  passengerDiscountPercent: PassengerDiscountsResponse;

  @ApiProperty({
    type: 'integer',
    example: 10,
    description: 'VAT on the discounted price, rounded half up per seat',
  })
  vatPercent: number;

  @ApiProperty({
    type: [RefundTierResponse],
    description:
      'Refund of a confirmed booking cancelled before departure, most generous tier first; ' +
      'later than the last tier, nothing',
  })
  refundTiers: RefundTierResponse[];

  @ApiProperty({
    example: '84',
    description: 'Country calling code given to national phone numbers (leading 0)',
  })
  defaultPhoneCountryCode: string;

  @ApiProperty({
    enum: ['demo', 'webhook'],
    description:
      'demo: no money moves, the traveller’s confirm is the payment (say so to travellers); ' +
      'webhook: a real provider takes payments (GET /bookings/{id}/payment says how)',
  })
  paymentProvider: 'demo' | 'webhook';
}

/** REFUND_TIERS (parsed and checked at boot) as tiers, most generous first. */
export function refundTiersOf(tiers: readonly RefundTierResponse[]): RefundTierResponse[] {
  return tiers
    .map(({ hoursBefore, percent }) => ({ hoursBefore, percent }))
    .sort((a, b) => b.hoursBefore - a.hoursBefore);
}

@ApiTags('Catalog')
@Controller('booking-policy')
export class BookingPolicyController {
  private readonly policy: BookingPolicyResponse;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.policy = {
      currency: config.catalog.currency,
      timeZone: config.catalog.timeZone,
      maxSeatsPerBooking: config.catalog.maxSeatsPerBooking,
      seatHoldSeconds: config.seatHolds.ttlSeconds,
      seatHoldMaxLifetimeSeconds: config.seatHolds.maxLifetimeSeconds,
      paymentWindowSeconds: config.booking.paymentWindowSeconds,
      paymentProvider: config.payments.provider,
      passengerDiscountPercent: {
        adult: 0,
        child: config.booking.childDiscountPercent,
        senior: config.booking.seniorDiscountPercent,
      },
      vatPercent: config.booking.vatPercent,
      refundTiers: refundTiersOf(config.booking.refundTiers),
      defaultPhoneCountryCode: config.booking.defaultPhoneCountryCode,
    };
  }

  @Get()
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({
    summary: 'The booking terms: pricing rules, hold and payment windows, refund tiers',
    description:
      'What the configuration says (DISCOUNT_*_PERCENT, VAT_PERCENT, REFUND_TIERS, ' +
      'SEAT_LOCK_TTL_SECONDS, BOOKING_PAYMENT_WINDOW_SECONDS …), for clients to show the terms ' +
      'before booking. The price of a booking is always computed by the server.',
  })
  @ApiOkResponse({ type: BookingPolicyResponse })
  getBookingPolicy(): BookingPolicyResponse {
    return this.policy;
  }
}
