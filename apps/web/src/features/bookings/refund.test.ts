import { describe, expect, it } from 'vitest';
import { refundIfCancelled } from './refund';

const tiers = [
  { hoursBefore: 24, percent: 90 },
  { hoursBefore: 2, percent: 50 },
];
const now = Date.parse('2026-12-06T08:00:00Z');
const paid = {
  status: 'confirmed' as const,
  payment: {
    reference: 'PAY-1',
    method: 'card' as const,
    amount: { amount: 500_000, currency: 'VND' },
    confirmedAt: '2026-12-05T08:00:00Z',
  },
  trip: {
    origin: 'Hà Nội',
    destination: 'Sa Pa',
    departureAt: '2026-12-06T12:00:00Z',
    arrivalAt: '2026-12-06T18:00:00Z',
    busName: 'Bus',
    plateNumber: '29B-1',
  },
};

describe('the refund shown before cancelling', () => {
  it('follows the tiers', () => {
    expect(refundIfCancelled(paid, tiers, now)?.percent).toBe(50);
  });

  it('is everything paid while a delay’s free cancellation lasts, the tiers after it', () => {
    const delayed = {
      ...paid,
      tripDelay: {
        scheduledDepartureAt: '2026-12-06T10:30:00Z',
        delayMinutes: 90,
        reason: 'Flooding',
        rescheduledAt: '2026-12-06T07:00:00Z',
        freeCancellationUntil: '2026-12-07T07:00:00Z',
      },
    };
    expect(refundIfCancelled(delayed, tiers, now)).toEqual({
      percent: 100,
      amount: { amount: 500_000, currency: 'VND' },
    });
    const after = Date.parse('2026-12-06T11:00:00Z');
    expect(refundIfCancelled({ ...delayed, trip: { ...paid.trip } }, tiers, after)?.percent).toBe(
      100,
    );
    const lapsed = {
      ...delayed,
      tripDelay: { ...delayed.tripDelay, freeCancellationUntil: '2026-12-06T07:30:00Z' },
    };
    expect(refundIfCancelled(lapsed, tiers, now)?.percent).toBe(50);
  });
});
