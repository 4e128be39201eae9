import { BookingEvent, BookingRepository } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { BookingTimers } from './booking-timers';

/** Sets the booking timers from the log: expiry on creation, completion on confirmation. */
export function bookingTimersSubscription(
  factory: EventSubscriptionFactory,
  timers: BookingTimers,
  bookings: BookingRepository,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.booking-timers'),
    // Bookings from before the first start are the sweeper's.
    startFrom: 'end',
    eventTypes: ['BookingCreated', 'BookingConfirmed', 'BookingCancelled'],
    pollIntervalMs: config.EVENT_SUBSCRIPTION_POLL_MS,
    batchSize: config.EVENT_SUBSCRIPTION_BATCH_SIZE,
    handle: async (events) => {
      for (const event of events as unknown as RecordedEvent<BookingEvent>[]) {
        const job = { bookingId: event.data.bookingId };
        switch (event.type) {
          case 'BookingCreated':
            await timers.expiry.schedule(job, event.data.expiresAt);
            break;
          case 'BookingConfirmed': {
            const booking = await bookings.find(job.bookingId);
            await timers.expiry.cancel(job.bookingId, booking?.expiresAt);
            if (booking) await timers.completion.schedule(job, booking.arrivalAt);
            break;
          }
          case 'BookingCancelled': {
            const booking = await bookings.find(job.bookingId);
            await timers.expiry.cancel(job.bookingId, booking?.expiresAt);
            await timers.completion.cancel(job.bookingId, booking?.arrivalAt);
            break;
          }
        }
      }
    },
  });
}
