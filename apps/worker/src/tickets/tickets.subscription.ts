import { BookingEvent } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { TicketEmailJobs, TicketIssuer } from '@app/ticketing';

/** On confirmation the ticket is generated, archived and e-mailed; on cancellation it is void. */
export function ticketsSubscription(
  factory: EventSubscriptionFactory,
  emails: TicketEmailJobs,
  issuer: TicketIssuer,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.tickets'),
    startFrom: 'end',
    eventTypes: ['BookingConfirmed', 'BookingCancelled'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handle: async (events) => {
      for (const event of events as unknown as RecordedEvent<BookingEvent>[]) {
        if (event.type === 'BookingConfirmed') {
          // The job generates (and archives) the PDF before sending it.
          await emails.enqueueConfirmationMail(event.data.bookingId);
        } else if (event.type === 'BookingCancelled') {
          await issuer.markVoid(event.data.bookingId);
        }
      }
    },
  });
}
