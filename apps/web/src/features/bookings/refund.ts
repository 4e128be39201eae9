import type { Booking, BookingPolicy, Money } from '../../api/types';
import { percentOf } from '../checkout/pricing';

/** What cancelling now would refund, by the operator's tiers (the server decides for real). */
export function refundIfCancelled(
  booking: Pick<Booking, 'status' | 'payment' | 'trip' | 'tripDelay'>,
  tiers: BookingPolicy['refundTiers'],
  nowMs: number,
): { percent: number; amount: Money } | undefined {
  if (booking.status !== 'confirmed' || !booking.payment) return undefined;
  const hoursBefore = (Date.parse(booking.trip.departureAt) - nowMs) / 3_600_000;
  const tier = [...tiers]
    .sort((a, b) => b.hoursBefore - a.hoursBefore)
    .find((candidate) => hoursBefore > 0 && hoursBefore >= candidate.hoursBefore);
  // A long delay of the trip: cancelling is free (a full refund) until the time it says.
  const freeUntil = booking.tripDelay?.freeCancellationUntil;
  const free = hoursBefore > 0 && !!freeUntil && nowMs < Date.parse(freeUntil);
  const percent = free ? 100 : (tier?.percent ?? 0);
  const paid = booking.payment.amount;
  return { percent, amount: { amount: percentOf(paid.amount, percent), currency: paid.currency } };
}
