/** The events other systems may subscribe to, as named on the wire. */
export const WEBHOOK_EVENT_TYPES = [
  'booking.created',
  'booking.confirmed',
  'booking.cancelled',
  'booking.passenger_cancelled',
  'booking.seat_changed',
  'trip.cancelled',
  'trip.delayed',
  'ticket.boarded',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The log's event types each webhook event comes from. */
export const SOURCE_EVENT_TYPES: Record<string, WebhookEventType> = {
  BookingCreated: 'booking.created',
  BookingConfirmed: 'booking.confirmed',
  BookingCancelled: 'booking.cancelled',
  PassengerCancelled: 'booking.passenger_cancelled',
  SeatChanged: 'booking.seat_changed',
  TripCancelled: 'trip.cancelled',
  TripDelayed: 'trip.delayed',
  PassengerBoarded: 'ticket.boarded',
};

/** An event of the log, as much of it as a webhook needs. */
export interface SourceEvent {
  type: string;
  data: Record<string, unknown>;
  eventId: string;
  occurredAt: string;
  streamPosition: number;
}

/** What a booking's webhook adds that its events do not all carry (immutable facts). */
export interface BookingFacts {
  reference: string;
  tripId: string;
}

/**
 * One message for the endpoints subscribed to its type. `orderingKey` + `sequence`: messages of
 * one booking (or one trip) are delivered in the order of its stream.
 */
export interface WebhookMessage {
  /** The source event's id: the same on every attempt, for receivers to de-duplicate. */
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  orderingKey: string;
  sequence: number;
  data: Record<string, unknown>;
}

const pick = (data: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));

/**
 * The webhook of a log event, or null when no webhook comes from it. Payloads carry ids,
 * references, seats, money and times: never names, ID numbers, phones or e-mails.
 */
export function webhookOf(event: SourceEvent, booking?: BookingFacts): WebhookMessage | null {
  const type = SOURCE_EVENT_TYPES[event.type];
  if (!type) return null;
  const d = event.data;
  const base = {
    id: event.eventId,
    type,
    occurredAt: event.occurredAt,
    sequence: event.streamPosition,
  };
  if (type === 'trip.cancelled' || type === 'trip.delayed') {
    const keys =
      type === 'trip.cancelled'
        ? ['tripId', 'reason', 'cancelledAt']
        : [
            'tripId',
            'departureAt',
            'arrivalAt',
            'previousDepartureAt',
            'scheduledDepartureAt',
            'delayMinutes',
            'reason',
            'freeCancellationUntil',
          ];
    return { ...base, orderingKey: `trip:${String(d.tripId)}`, data: pick(d, keys) };
  }
  const bookingId = String(d.bookingId);
  const facts = booking ? { reference: booking.reference, tripId: booking.tripId } : {};
  const specific: Record<WebhookEventType, readonly string[]> = {
    'booking.created': ['seatNumbers', 'createdAt', 'expiresAt', 'departureAt'],
    'booking.confirmed': ['paymentReference', 'paymentMethod', 'amount', 'confirmedAt'],
    'booking.cancelled': [
      'reason',
      'cancelledBy',
      'refund',
      'paymentStatus',
      'seatNumbers',
      'cancelledAt',
    ],
    'booking.passenger_cancelled': [
      'passengerId',
      'seatNumber',
      'reason',
      'cancelledBy',
      'refund',
      'cancelledAt',
    ],
    'booking.seat_changed': ['passengerId', 'fromSeat', 'toSeat', 'refund', 'changedAt'],
    'ticket.boarded': ['seatNumber', 'boardedAt'],
    'trip.cancelled': [],
    'trip.delayed': [],
  };
  const extra: Record<string, unknown> = {};
  if (type === 'booking.created') {
    const owner = d.owner as { kind?: string } | undefined;
    extra.channel = owner?.kind === 'guest' ? 'guest' : 'user';
    extra.total = (d.price as { total?: unknown } | undefined)?.total;
    extra.tripId = d.tripId;
    extra.reference = d.reference;
  }
  if (type === 'booking.seat_changed' && d.payment) {
    extra.paid = (d.payment as { amount?: unknown }).amount;
  }
  return {
    ...base,
    orderingKey: `booking:${bookingId}`,
    data: { bookingId, ...facts, ...pick(d, specific[type]), ...extra },
  };
}
