import { CommandBus } from '@nestjs/cqrs';
import { BookingEvent, BookingReader, RescheduleForDelayedTripCommand } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import type { TripDelayed } from '@app/seating';
import { sagaStep } from '../saga-step';
import { TripDelayMailer } from './trip-delay-mailer';

/**
 * The saga of a delayed trip: each of its bookings still pending or confirmed moves to the new
 * times. Its checkpoint passes a TripDelayed only when every booking is done; a booking already
 * at the new departure is left as it is, so a restart halfway repeats nothing.
 */
export function tripDelaySubscription(
  factory: EventSubscriptionFactory,
  bookings: BookingReader,
  commands: CommandBus,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.trip-delay'),
    startFrom: 'end',
    eventTypes: ['TripDelayed'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<TripDelayed>;
      await sagaStep('trip-delay', event, async () => {
        const { tripId, departureAt, arrivalAt, scheduledDepartureAt } = event.data;
        const { delayMinutes, reason, freeCancellationUntil } = event.data;
        let moved = 0;
        for (const { bookingId } of await bookings.liveOfTrip(tripId)) {
          const outcome = await commands.execute(
            new RescheduleForDelayedTripCommand({
              bookingId,
              departureAt,
              arrivalAt,
              scheduledDepartureAt,
              delayMinutes,
              reason,
              ...(freeCancellationUntil ? { freeCancellationUntil } : {}),
            }),
          );
          if (outcome.rescheduled) moved++;
        }
        return `${moved} booking(s) moved to ${departureAt}`;
      });
    },
  });
}

/** Each booking moved by a delay is e-mailed, at least once (a failed mail is retried). */
export function tripDelayMailsSubscription(
  factory: EventSubscriptionFactory,
  mailer: TripDelayMailer,
  config: AppConfig,
): EventSubscription {
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.trip-delay-mails'),
    startFrom: 'end',
    eventTypes: ['BookingRescheduled'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<BookingEvent>;
      if (event.type !== 'BookingRescheduled') return;
      await sagaStep('trip-delay-mails', event, async () => {
        await mailer.send(event);
        return 'mail sent';
      });
    },
  });
}
