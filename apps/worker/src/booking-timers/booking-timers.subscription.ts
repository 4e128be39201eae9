import { BookingEvent, BookingReader } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { BookingCompletionJobs, BookingExpiryJobs } from './booking-timers.jobs';

/** Sets the booking timers from the log: expiry on creation, completion on confirmation. */
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
    eventTypes: ['BookingCreated', 'BookingConfirmed', 'BookingCancelled'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<BookingEvent>;
      const { bookingId } = event.data;
      switch (event.type) {
        case 'BookingCreated':
          await expiries.schedule(bookingId, { bookingId }, event.data.expiresAt);
          break;
        case 'BookingConfirmed': {
          const booking = await bookings.find(bookingId);
          await expiries.cancel(bookingId, booking?.expiresAt);
          if (booking) await completions.schedule(bookingId, { bookingId }, booking.arrivalAt);
          break;
        }
        case 'BookingCancelled': {
          const booking = await bookings.find(bookingId);
          await expiries.cancel(bookingId, booking?.expiresAt);
          await completions.cancel(bookingId, booking?.arrivalAt);
          break;
        }
      }
    },
  });
}
