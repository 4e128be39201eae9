import type { Money } from '@app/seating';

export const PASSENGER_TYPES = ['adult', 'child', 'senior'] as const;
export type PassengerType = (typeof PASSENGER_TYPES)[number];

export type { Money };

export interface PricingPolicy {
  /** Discount per passenger type, in percent of the seat's fare (e.g. child 25). */
  discountPercent: Record<PassengerType, number>;
  /** VAT in percent of the discounted price. */
  vatPercent: number;
}

export interface PriceLine {
  seatNumber: string;
  passengerType: PassengerType;
  base: Money;
  discount: Money;
  net: Money;
  tax: Money;
}

export interface PriceBreakdown {
  lines: PriceLine[];
  subtotal: Money;
  tax: Money;
  total: Money;
}

/** `amount × percent / 100`, rounded half up to the minor unit, in integer arithmetic. */
export function percentOf(amount: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.floor((amount * basisPoints + 5000) / 10000);
}

/**
 * Seat fare, less the passenger type's discount, plus VAT on the discounted price; each line is
 * rounded on its own (half up to the minor unit) and the totals are the sums of the lines.
 */
export function priceSeats(
  seats: readonly { seatNumber: string; passengerType: PassengerType; fare: Money }[],
  policy: PricingPolicy,
): PriceBreakdown {
  const currency = seats[0]?.fare.currency ?? 'VND';
  const money = (amount: number): Money => ({ amount, currency });
  const lines = seats.map(({ seatNumber, passengerType, fare }) => {
    if (fare.currency !== currency) throw new Error('fares of one booking share a currency');
    const discount = percentOf(fare.amount, policy.discountPercent[passengerType]);
    const net = fare.amount - discount;
    return {
      seatNumber,
      passengerType,
      base: money(fare.amount),
      discount: money(discount),
      net: money(net),
      tax: money(percentOf(net, policy.vatPercent)),
    };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.net.amount, 0);
  const tax = lines.reduce((sum, line) => sum + line.tax.amount, 0);
  return { lines, subtotal: money(subtotal), tax: money(tax), total: money(subtotal + tax) };
}

/** The breakdown without one seat's line: the totals stay the sums of the lines. */
export function withoutLine(price: PriceBreakdown, seatNumber: string): PriceBreakdown {
  return withLines(
    price.lines.filter((line) => line.seatNumber !== seatNumber),
    price.total.currency,
  );
}

/** The breakdown with one seat's line replaced by another's (a passenger moving seats). */
export function withLine(price: PriceBreakdown, seatNumber: string, line: PriceLine) {
  return withLines(
    price.lines.map((l) => (l.seatNumber === seatNumber ? line : l)),
    price.total.currency,
  );
}

function withLines(lines: PriceLine[], currency: string): PriceBreakdown {
  const sum = (pick: (line: PriceLine) => Money) =>
    lines.reduce((total, line) => total + pick(line).amount, 0);
  const subtotal = sum((line) => line.net);
  const tax = sum((line) => line.tax);
  return {
    lines,
    subtotal: { amount: subtotal, currency },
    tax: { amount: tax, currency },
    total: { amount: subtotal + tax, currency },
  };
}

/** Refund share of a confirmed booking cancelled `hoursBefore` departure. */
export interface RefundPolicy {
  /** Tiers, most generous first: at least `hoursBefore` hours ahead → `percent`. */
  tiers: { hoursBefore: number; percent: number }[];
}

export function refundPercent(policy: RefundPolicy, hoursBeforeDeparture: number): number {
  if (hoursBeforeDeparture <= 0) return 0;
  const tier = [...policy.tiers]
    .sort((a, b) => b.hoursBefore - a.hoursBefore)
    .find((t) => hoursBeforeDeparture >= t.hoursBefore);
  return tier?.percent ?? 0;
}

/** The refund tiers in words, for tickets, documentation and clients: one source, no copies. */
export function describeRefundPolicy(policy: RefundPolicy): string {
  const tiers = [...policy.tiers].sort((a, b) => b.hoursBefore - a.hoursBefore);
  const parts = tiers.map(
    (t, i) =>
      `${t.percent} % ${i === 0 ? 'when cancelled ' : ''}at least ${t.hoursBefore} h before departure`,
  );
  return `Refunds: ${[...parts, 'nothing later or after departure'].join(', ')}.`;
}
