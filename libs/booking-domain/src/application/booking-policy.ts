import type { BookingConfig } from '@app/config';
import { BookingReferences } from '../domain/booking-reference';
import { describeRefundPolicy, PricingPolicy, RefundPolicy } from '../domain/pricing';

export const pricingPolicyOf = (booking: BookingConfig): PricingPolicy => ({
  discountPercent: {
    adult: 0,
    child: booking.childDiscountPercent,
    senior: booking.seniorDiscountPercent,
  },
  vatPercent: booking.vatPercent,
});

export const refundPolicyOf = (booking: Pick<BookingConfig, 'refundTiers'>): RefundPolicy => ({
  tiers: [...booking.refundTiers],
});

/** The configured refund tiers in words (tickets, e-mails, the API documentation). */
export const refundTermsOf = (booking: Pick<BookingConfig, 'refundTiers'>): string =>
  describeRefundPolicy(refundPolicyOf(booking));

export const bookingReferencesOf = (booking: BookingConfig) =>
  new BookingReferences({
    prefix: booking.referencePrefix,
    randomLength: booking.referenceRandomLength,
  });

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of `now` in the operator's time zone: the date part of new references. */
export function localDate(now: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}
