import type { AppConfig } from '@app/config';
import { BookingReferences } from '../domain/booking-reference';
import { describeRefundPolicy, PricingPolicy, RefundPolicy } from '../domain/pricing';

export const pricingPolicyOf = (config: AppConfig): PricingPolicy => ({
  discountPercent: {
    adult: 0,
    child: config.DISCOUNT_CHILD_PERCENT,
    senior: config.DISCOUNT_SENIOR_PERCENT,
  },
  vatPercent: config.VAT_PERCENT,
});

export const refundPolicyOf = (config: AppConfig): RefundPolicy => ({
  tiers: [...config.refundTiers],
});

/** The configured refund tiers in words (tickets, e-mails, the API documentation). */
export const refundTermsOf = (config: AppConfig): string =>
  describeRefundPolicy(refundPolicyOf(config));

export const bookingReferencesOf = (config: AppConfig) =>
  new BookingReferences({
    prefix: config.BOOKING_REFERENCE_PREFIX,
    randomLength: config.BOOKING_REFERENCE_RANDOM_LENGTH,
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
