import { BookingEvent, TRIP_CANCELLED_REASON } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { TripCancellationMailer } from './trip-cancellation-mailer';
import { sagaStep } from '../saga-step';

/** Each booking cancelled with its trip is e-mailed, at least once (a failed mail is retried). */
export function tripCancellationMailsSubscription(
  factory: EventSubscriptionFactory,
  mailer: TripCancellationMailer,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.trip-cancellation-mails'),
    startFrom: 'end',
    eventTypes: ['BookingCancelled'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<BookingEvent>;
      if (event.type === 'BookingCancelled' && event.data.reason === TRIP_CANCELLED_REASON) {
        await sagaStep('trip-cancellation-mails', event, async () => {
          await mailer.send(event.data.bookingId);
          return 'mail sent';
        });
      }
    },
  });
}
