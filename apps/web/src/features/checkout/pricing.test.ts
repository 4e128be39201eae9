import { describe, expect, it } from 'vitest';
import { estimatePrice, percentOf } from './pricing';

const policy = {
  currency: 'VND',
  vatPercent: 10,
  passengerDiscountPercent: { adult: 0, child: 25, senior: 15 },
};
const fare = (amount: number) => ({ amount, currency: 'VND' });

describe('the price the API computes (expectedTotal)', () => {
  it('rounds half up per line', () => {
    expect(percentOf(5, 10)).toBe(1); // 0.5 → 1
    expect(percentOf(4, 10)).toBe(0);
    expect(percentOf(333_333, 15)).toBe(50_000);
  });

  it('discounts by passenger type, then adds VAT on the discounted fare', () => {
    const price = estimatePrice(
      [
        { seatNumber: 'A1', passengerType: 'adult', fare: fare(450_000) },
        { seatNumber: 'A2', passengerType: 'child', fare: fare(450_000) },
        { seatNumber: 'A3', passengerType: 'senior', fare: fare(300_000) },
      ],
      policy,
    );
    expect(price.lines.map((l) => [l.discount.amount, l.net.amount, l.tax.amount])).toEqual([
      [0, 450_000, 45_000],
      [112_500, 337_500, 33_750],
      [45_000, 255_000, 25_500],
    ]);
    expect(price.subtotal.amount).toBe(1_042_500);
    expect(price.tax.amount).toBe(104_250);
    expect(price.total).toEqual({ amount: 1_146_750, currency: 'VND' });
  });
});
