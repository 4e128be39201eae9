import {
  describeRefundPolicy,
  percentOf,
  priceSeats,
  PricingPolicy,
  refundPercent,
} from './pricing';

const policy: PricingPolicy = {
  discountPercent: { adult: 0, child: 25, senior: 15 },
  vatPercent: 10,
};
const vnd = (amount: number) => ({ amount, currency: 'VND' });

describe('percentOf', () => {
  it('rounds half up to the minor unit', () => {
    expect(percentOf(10, 25)).toBe(3); // 2.5 → 3
    expect(percentOf(14, 25)).toBe(4); // 3.5 → 4
    expect(percentOf(13, 25)).toBe(3); // 3.25 → 3
    expect(percentOf(5, 10)).toBe(1); // 0.5 → 1
    expect(percentOf(4, 10)).toBe(0); // 0.4 → 0
    expect(percentOf(1000, 12.5)).toBe(125);
    expect(percentOf(450_000, 0)).toBe(0);
  });
});

describe('priceSeats', () => {
  it('applies each passenger type’s discount, then VAT on the discounted price, per line', () => {
    const price = priceSeats(
      [
        { seatNumber: 'A1', passengerType: 'adult', fare: vnd(450_000) },
        { seatNumber: 'A2', passengerType: 'child', fare: vnd(450_000) },
        { seatNumber: 'A3', passengerType: 'senior', fare: vnd(450_000) },
      ],
      policy,
    );
    expect(
      price.lines.map((l) => [l.seatNumber, l.discount.amount, l.net.amount, l.tax.amount]),
    ).toEqual([
      ['A1', 0, 450_000, 45_000],
      ['A2', 112_500, 337_500, 33_750],
      ['A3', 67_500, 382_500, 38_250],
    ]);
    expect(price.subtotal).toEqual(vnd(1_170_000));
    expect(price.tax).toEqual(vnd(117_000));
    expect(price.total).toEqual(vnd(1_287_000));
  });

  it('rounds every line on its own, and the totals are the sums of the lines', () => {
    // 333 × 25 % = 83.25 → 83; net 250; VAT 25. 333 × 15 % = 49.95 → 50; net 283; VAT 28.3 → 28.
    const price = priceSeats(
      [
        { seatNumber: 'B1', passengerType: 'child', fare: vnd(333) },
        { seatNumber: 'B2', passengerType: 'senior', fare: vnd(333) },
        { seatNumber: 'B3', passengerType: 'adult', fare: vnd(335) }, // VAT 33.5 → 34
      ],
      policy,
    );
    expect(price.lines.map((l) => [l.discount.amount, l.net.amount, l.tax.amount])).toEqual([
      [83, 250, 25],
      [50, 283, 28],
      [0, 335, 34],
    ]);
    expect(price.subtotal.amount).toBe(868);
    expect(price.tax.amount).toBe(87);
    expect(price.total.amount).toBe(955);
  });

  it('uses the configured rates', () => {
    const price = priceSeats([{ seatNumber: 'C1', passengerType: 'child', fare: vnd(100_000) }], {
      discountPercent: { adult: 0, child: 50, senior: 30 },
      vatPercent: 8,
    });
    expect(price.total).toEqual(vnd(54_000));
  });
});

describe('refundPercent', () => {
  const refunds = {
    tiers: [
      { hoursBefore: 2, percent: 50 },
      { hoursBefore: 24, percent: 90 },
    ],
  };
  it('gives the tier of the time left before departure, nothing after it', () => {
    expect(refundPercent(refunds, 48)).toBe(90);
    expect(refundPercent(refunds, 24)).toBe(90);
    expect(refundPercent(refunds, 23.99)).toBe(50);
    expect(refundPercent(refunds, 2)).toBe(50);
    expect(refundPercent(refunds, 1.99)).toBe(0);
    expect(refundPercent(refunds, 0)).toBe(0);
    expect(refundPercent(refunds, -1)).toBe(0);
  });
});

describe('describeRefundPolicy', () => {
  it('puts the configured tiers in words, most generous first', () => {
    expect(
      describeRefundPolicy({
        tiers: [
          { hoursBefore: 2, percent: 50 },
          { hoursBefore: 24, percent: 90 },
        ],
      }),
    ).toBe(
      'Refunds: 90 % when cancelled at least 24 h before departure, 50 % at least 2 h before ' +
        'departure, nothing later or after departure.',
    );
    expect(describeRefundPolicy({ tiers: [{ hoursBefore: 48, percent: 100 }] })).toBe(
      'Refunds: 100 % when cancelled at least 48 h before departure, nothing later or after departure.',
    );
  });
});
