import { BookingEvent, BookingReader } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { BookingCompletionJobs, BookingExpiryJobs } from './booking-timers.jobs';
import { sagaStep } from '../saga-step';

/**
 * Sets the booking timers from the log: expiry on creation, completion on confirmation, both
 * again when a delay moves them. A timer left at an earlier time finds nothing due and does
 * nothing (the commands check the booking's own times).
 */
export function bookingTimersSubscription(
  factory: EventSubscriptionFactory,
  expiries: BookingExpiryJobs,
  completions: BookingCompletionJobs,
  bookings: BookingReader,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.booking-timers'),
    // Bookings from before the first start are the sweeper's.
    startFrom: 'end',
    eventTypes: ['BookingCreated', 'BookingConfirmed', 'BookingCancelled', 'BookingRescheduled'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<BookingEvent>;
      await sagaStep('booking-timers', event, async () => {
        const { bookingId } = event.data;
        switch (event.type) {
          case 'BookingCreated':
            await expiries.schedule(bookingId, { bookingId }, event.data.expiresAt);
            return 'expiry scheduled';
          case 'BookingConfirmed': {
            const booking = await bookings.find(bookingId);
            await expiries.cancel(bookingId, booking?.expiresAt);
            if (booking) await completions.schedule(bookingId, { bookingId }, booking.arrivalAt);
            return 'completion scheduled';
          }
          case 'BookingCancelled': {
            const booking = await bookings.find(bookingId);
            await expiries.cancel(bookingId, booking?.expiresAt);
            await completions.cancel(bookingId, booking?.arrivalAt);
            return 'timers cancelled';
          }
          case 'BookingRescheduled': {
            // The trip's delay moved the arrival (maybe the payment window): so do the timers.
            const booking = await bookings.find(bookingId);
            if (booking?.status === 'pending' && event.data.expiresAt) {
              await expiries.schedule(bookingId, { bookingId }, booking.expiresAt);
            }
            if (booking?.status === 'confirmed') {
              await completions.schedule(bookingId, { bookingId }, booking.arrivalAt);
            }
            return 'timers moved';
          }
        }
      });
    },
  });
}
