import { BookingEvent } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import { TicketEmailJobs, TicketIssuer } from '@app/ticketing';
import { sagaStep } from '../saga-step';

/**
 * On confirmation the ticket is generated, archived and e-mailed; after a paid booking loses a
 * passenger or a passenger changes seats it is e-mailed again (the new tickets); on
 * cancellation it is void.
 */
export function ticketsSubscription(
  factory: EventSubscriptionFactory,
  emails: TicketEmailJobs,
  issuer: TicketIssuer,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.tickets'),
    startFrom: 'end',
    eventTypes: ['BookingConfirmed', 'BookingCancelled', 'PassengerCancelled', 'SeatChanged'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<BookingEvent>;
      await sagaStep('tickets', event, async () => {
        if (event.type === 'BookingConfirmed') {
          // The job generates (and archives) the PDF before sending it.
          await emails.enqueueConfirmationMail(event.data.bookingId);
          return 'ticket mail queued';
        } else if (event.type === 'PassengerCancelled' && event.data.paymentStatus !== 'pending') {
          // A paid booking changed: the remaining passengers get their e-tickets again.
          await emails.enqueueChangeMail(
            event.data.bookingId,
            `passenger-${event.data.passengerId}`,
          );
          return 'ticket mail queued';
        } else if (event.type === 'SeatChanged') {
          await emails.enqueueChangeMail(event.data.bookingId, `seat-${event.data.changeId}`);
          return 'ticket mail queued';
        } else if (event.type === 'BookingCancelled') {
          await issuer.markVoid(event.data.bookingId);
          return 'ticket void';
        }
        return 'nothing to do';
      });
    },
  });
}
