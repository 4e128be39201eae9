import { Inject, Injectable } from '@nestjs/common';
import { BookingReader } from '@app/booking-domain';
import { Clock, CLOCK } from '@app/clock';
import type { RecordedEvent } from '@app/event-store';
import {
  BookingFacts,
  SOURCE_EVENT_TYPES,
  webhookOf,
  WebhookMessage,
} from '../domain/webhook-events';
import { WebhookDeliveryStore } from '../infrastructure/webhook-delivery.store';

/** The log's event types webhooks are made from (the worker's outbox subscription reads these). */
export const WEBHOOK_SOURCE_EVENT_TYPES = Object.keys(SOURCE_EVENT_TYPES);

/**
 * Turns events of the log into deliveries for the endpoints subscribed to them. Called by a
 * durable subscription, so every event is seen at least once and the outbox holds exactly one
 * delivery per message and endpoint: no command ever writes to it (no dual write).
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly deliveries: WebhookDeliveryStore,
    private readonly bookings: BookingReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(events: readonly RecordedEvent[]): Promise<number> {
    const messages: WebhookMessage[] = [];
    const facts = new Map<string, BookingFacts | undefined>();
    for (const event of events) {
      const data = event.data as Record<string, unknown>;
      const bookingId = typeof data.bookingId === 'string' ? data.bookingId : undefined;
      if (bookingId && !facts.has(bookingId)) {
        const booking = await this.bookings.find(bookingId);
        facts.set(
          bookingId,
          booking ? { reference: booking.reference, tripId: booking.tripId } : undefined,
        );
      }
      const message = webhookOf(
        {
          type: event.type,
          data,
          eventId: event.metadata.eventId,
          occurredAt: event.metadata.occurredAt,
          streamPosition: event.streamPosition,
        },
        bookingId ? facts.get(bookingId) : undefined,
      );
      if (message) messages.push(message);
    }
    return this.deliveries.enqueue(messages, this.clock.now());
  }
}
