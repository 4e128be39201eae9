import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BookingReader, CancelForCancelledTripCommand } from '@app/booking-domain';
import { AppConfig, groupSubscriptionId } from '@app/config';
import { EventSubscription, EventSubscriptionFactory, RecordedEvent } from '@app/event-store';
import type { TripCancelled } from '@app/seating';
import { sagaStep } from '../saga-step';

/**
 * The saga of a cancelled trip: each of its bookings still pending or confirmed is cancelled
 * with a full refund. Its checkpoint in Postgres moves past a TripCancelled only when every
 * booking is done, so a worker killed halfway does the rest after a restart; a booking already
 * cancelled is left as it is, so nobody is refunded twice.
 */
export function tripCancellationSubscription(
  factory: EventSubscriptionFactory,
  bookings: BookingReader,
  commands: CommandBus,
  config: AppConfig,
): EventSubscription {
  const logger = new Logger('TripCancellation');
  return factory.create({
    subscriptionId: groupSubscriptionId(config, 'worker.trip-cancellation'),
    startFrom: 'end',
    eventTypes: ['TripCancelled'],
    pollIntervalMs: config.worker.subscriptionPollMs,
    batchSize: config.worker.subscriptionBatchSize,
    handleEvent: async (recorded) => {
      const event = recorded as unknown as RecordedEvent<TripCancelled>;
      await sagaStep('trip-cancellation', event, async () => {
        const { tripId } = event.data;
        let cancelled = 0;
        for (const { bookingId } of await bookings.liveOfTrip(tripId)) {
          const outcome = await commands.execute(new CancelForCancelledTripCommand(bookingId));
          if (outcome.cancelled) cancelled++;
        }
        logger.log(`trip ${tripId} cancelled: ${cancelled} booking(s) cancelled by this run`);
        return `${cancelled} booking(s) cancelled`;
      });
    },
  });
}
