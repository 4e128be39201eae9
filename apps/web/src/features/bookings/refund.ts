import type { Booking, BookingPolicy, Money } from '../../api/types';
import { percentOf } from '../checkout/pricing';

/** What cancelling now would refund, by the operator's tiers (the server decides for real). */
export function refundIfCancelled(
  booking: Pick<Booking, 'status' | 'payment' | 'trip'>,
  tiers: BookingPolicy['refundTiers'],
  nowMs: number,
): { percent: number; amount: Money } | undefined {
  if (booking.status !== 'confirmed' || !booking.payment) return undefined;
  const hoursBefore = (Date.parse(booking.trip.departureAt) - nowMs) / 3_600_000;
  const tier = [...tiers]
    .sort((a, b) => b.hoursBefore - a.hoursBefore)
    .find((candidate) => hoursBefore > 0 && hoursBefore >= candidate.hoursBefore);
  const percent = tier?.percent ?? 0;
  const paid = booking.payment.amount;
  return { percent, amount: { amount: percentOf(paid.amount, percent), currency: paid.currency } };
}
