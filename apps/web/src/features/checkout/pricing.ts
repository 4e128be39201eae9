import type { BookingPolicy, Money, PassengerType, PriceBreakdown } from '../../api/types';

/** `amount × percent / 100`, rounded half up to the minor unit (as the API rounds). */
export function percentOf(amount: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.floor((amount * basisPoints + 5000) / 10000);
}

/**
 * The price the API will compute for these seats and passengers, from the published rules
 * (GET /booking-policy): fare less the passenger type's discount, plus VAT, each line rounded.
 * It is what "Book" sends as `expectedTotal`; the server's price is the one that counts.
 */
export function estimatePrice(
  lines: readonly { seatNumber: string; passengerType: PassengerType; fare: Money }[],
  policy: Pick<BookingPolicy, 'passengerDiscountPercent' | 'vatPercent' | 'currency'>,
): PriceBreakdown {
  const currency = lines[0]?.fare.currency ?? policy.currency;
  const money = (amount: number): Money => ({ amount, currency });
  const priced = lines.map(({ seatNumber, passengerType, fare }) => {
    const discount = percentOf(fare.amount, policy.passengerDiscountPercent[passengerType]);
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
  const subtotal = priced.reduce((sum, line) => sum + line.net.amount, 0);
  const tax = priced.reduce((sum, line) => sum + line.tax.amount, 0);
  return {
    lines: priced,
    subtotal: money(subtotal),
    tax: money(tax),
    total: money(subtotal + tax),
  };
}
