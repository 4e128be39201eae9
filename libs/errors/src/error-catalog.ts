/**
 * Every problem `code` the service can answer with, its kind (hence its HTTP status) and the
 * members it adds to the problem document. `DomainError` only takes a code from here, and the
 * OpenAPI document's error responses are generated from it, so code, kind and contract cannot
 * drift apart.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rule'
  | 'too_many'
  | 'internal'
  | 'unavailable';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rule: 422,
  too_many: 429,
  internal: 500,
  unavailable: 503,
};

/** Members a problem document may carry besides the RFC 9457 ones; each has one meaning. */
export type ProblemExtension =
  | 'errors'
  | 'conflicts'
  | 'priceBreakdown'
  | 'currentStatus'
  | 'expiresAt'
  | 'maxExpiresAt'
  | 'limit'
  | 'held'
  | 'requested'
  | 'ticket'
  | 'opensAt'
  | 'closesAt'
  | 'cause'
  | 'available'
  | 'payment'
  | 'free'
  | 'entryId'
  | 'departureAt';

export interface ErrorSpec {
  readonly kind: ErrorKind;
  readonly summary: string;
  readonly extensions?: readonly ProblemExtension[];
}

const FIELDS = ['errors'] as const;

export const ERROR_CATALOG = {
  // The HTTP layer: anything a request can get wrong before a handler decides.
  'request.invalid': {
    kind: 'validation',
    summary: 'A field breaks a rule; `errors` names each field and rule.',
    extensions: FIELDS,
  },
  'request.malformed': {
    kind: 'validation',
    summary: 'The body is not valid JSON, or a parameter is malformed.',
    extensions: ['cause'],
  },
  'request.invalid_text': {
    kind: 'validation',
    summary: 'The text contains a character that cannot be stored (such as a NUL).',
  },
  'request.too_large': { kind: 'too_large', summary: 'The body is larger than 256 KiB.' },
  'request.unsupported_media_type': {
    kind: 'unsupported_media_type',
    summary: 'The body is not `application/json`.',
  },
  'route.not_found': { kind: 'not_found', summary: 'No route matches the path.' },
  'route.method_not_allowed': { kind: 'method_not_allowed', summary: 'Wrong method.' },
  internal: { kind: 'internal', summary: 'A fault on our side; it has been logged.' },
  'service.unavailable': {
    kind: 'unavailable',
    summary:
      'The connection to the database was lost while serving the request: retry after ' +
      '`Retry-After` (a POST with the same Idempotency-Key, which replays the first answer if it ' +
      'was given).',
  },
  'idempotency.key_reused': {
    kind: 'rule',
    summary: 'The Idempotency-Key was used before with another request.',
  },
  'idempotency.in_progress': {
    kind: 'conflict',
    summary: 'The first request with this Idempotency-Key is still being processed.',
  },
  rate_limited: {
    kind: 'too_many',
    summary: 'Too many requests; retry after the `Retry-After` header.',
  },
  'stream.version_conflict': {
    kind: 'conflict',
    summary: 'Someone changed the same data at the same moment; retry.',
  },

  // Authentication and authorization.
  'auth.missing_token': { kind: 'unauthorized', summary: 'No bearer token was sent.' },
  'auth.invalid_token': {
    kind: 'unauthorized',
    summary: 'The bearer token is malformed, expired or not signed by a trusted key.',
  },
  'auth.forbidden': { kind: 'forbidden', summary: 'The token lacks the role this needs.' },
  'queues.unavailable': {
    kind: 'unavailable',
    summary: 'The job queues dashboard needs Redis (REDIS_URL); this deployment runs without it.',
  },
  'auth.booking_scoped': {
    kind: 'forbidden',
    summary: 'A booking access token opens its one booking and can do nothing else.',
  },

  // The catalog: buses and trips.
  'layout.duplicate_seat_number': {
    kind: 'rule',
    summary: 'Two seats of the layout have the same number.',
    extensions: FIELDS,
  },
  'layout.overlapping_position': {
    kind: 'rule',
    summary: 'Two seats of the layout are at the same place.',
    extensions: FIELDS,
  },
  'bus.plate_number_taken': {
    kind: 'conflict',
    summary: 'A bus with this plate number is already registered.',
  },
  'trip.unknown_bus': { kind: 'rule', summary: 'No bus has this id.', extensions: FIELDS },
  'trip.departure_in_past': {
    kind: 'rule',
    summary: 'The departure is in the past.',
    extensions: FIELDS,
  },
  'trip.invalid_schedule': {
    kind: 'rule',
    summary: 'The arrival is not after the departure.',
    extensions: FIELDS,
  },
  'trip.same_origin_destination': {
    kind: 'rule',
    summary: 'Origin and destination are the same.',
    extensions: FIELDS,
  },
  'trip.fare_currency': {
    kind: 'rule',
    summary: 'A fare is not in the service currency.',
    extensions: FIELDS,
  },
  'trip.fare_missing': {
    kind: 'rule',
    summary: 'A seat type of the bus has no fare.',
    extensions: FIELDS,
  },
  'trip.not_found': { kind: 'not_found', summary: 'No trip has this id.' },
  'trip.cancelled': {
    kind: 'conflict',
    summary:
      'The operator cancelled the trip: its seats can no longer be held, booked or waited for.',
  },
  'trip.departed': { kind: 'rule', summary: 'The trip has departed.' },

  // Webhooks (admin).
  'webhook.not_found': { kind: 'not_found', summary: 'No webhook endpoint has this id.' },
  'webhook.delivery_not_found': {
    kind: 'not_found',
    summary: 'The endpoint has no delivery with this id.',
  },
  'webhook.invalid_url': {
    kind: 'rule',
    summary:
      'The webhook URL is refused: not http(s), https required in production, credentials in it, or it resolves to a private or loopback address (SSRF).',
    extensions: FIELDS,
  },
  'webhook.limit_reached': {
    kind: 'rule',
    summary: 'As many webhook endpoints as allowed (WEBHOOK_MAX_ENDPOINTS) are registered.',
  },
  'trip.sales_closed': {
    kind: 'conflict',
    summary: 'The operator closed sales of the trip: no new hold, booking or waiting-list place.',
  },
  'trip.has_bookings': {
    kind: 'conflict',
    summary:
      'The trip has bookings: its route, times and bus are fixed (delay or cancel it instead).',
  },
  'trip.has_holds': {
    kind: 'conflict',
    summary: 'Seats of the trip are held: its bus cannot change until they end.',
  },
  'bus.not_found': { kind: 'not_found', summary: 'No bus has this id.' },
  'trip.delay_not_later': {
    kind: 'rule',
    summary: 'A delay must move the departure later than it is now.',
    extensions: FIELDS,
  },
  'trip.delay_too_long': {
    kind: 'rule',
    summary: 'A trip is delayed by at most a week from its scheduled departure; cancel it instead.',
    extensions: FIELDS,
  },
  'trip.rescheduled': {
    kind: 'conflict',
    summary:
      'The trip was delayed while the request was decided: nothing was done; read the trip (`departureAt` is its new departure) and retry.',
    extensions: ['departureAt'],
  },

  // Seat holds.
  'seat.duplicate': { kind: 'rule', summary: 'A seat is asked for twice.', extensions: FIELDS },
  'seat.unknown': {
    kind: 'rule',
    summary: "A seat is not one of the trip's bus.",
    extensions: FIELDS,
  },
  'seat.not_held': {
    kind: 'rule',
    summary: 'A seat is not held by the caller (the hold may have expired).',
    extensions: FIELDS,
  },
  'seat.unavailable': {
    kind: 'conflict',
    summary: 'Seats are held or booked by someone else; `conflicts` lists each. Nothing changed.',
    extensions: ['conflicts'],
  },
  'seat.none_fit': {
    kind: 'conflict',
    summary:
      'No free seats fit the request for the best seats; `available` says how many free seats ' +
      'match it and the most side by side. Nothing was held.',
    extensions: ['available'],
  },
  'waitlist.seats_available': {
    kind: 'conflict',
    summary:
      'Enough seats of the kind asked for are free now (`free`): hold them instead of joining the waiting list.',
    extensions: ['free'],
  },
  'waitlist.already_joined': {
    kind: 'conflict',
    summary: "The caller is already on this trip's waiting list (`entryId`).",
    extensions: ['entryId'],
  },
  'waitlist.not_found': {
    kind: 'not_found',
    summary:
      'The caller is not waiting for this trip: never joined, left, or was already offered seats.',
  },
  'waitlist.guest_address_limit': {
    kind: 'rule',
    summary:
      "Guests from this address already take as many places on the trip's waiting list as they may (GUEST_WAITLIST_PER_ADDRESS_PER_TRIP).",
    extensions: ['limit'],
  },
  'waitlist.no_such_seats': {
    kind: 'rule',
    summary: "The trip's bus has no seats of the type asked for.",
    extensions: FIELDS,
  },
  'seat.limit_exceeded': {
    kind: 'rule',
    summary: 'More seats than the trip allows per booking.',
    extensions: ['limit', 'held', 'requested'],
  },
  'seat.guest_address_limit': {
    kind: 'too_many',
    summary:
      'Guests from this address hold as many seats of this trip as they may (GUEST_SEATS_PER_ADDRESS_PER_TRIP).',
    extensions: ['limit', 'held', 'requested'],
  },
  'seat.guest_share_exceeded': {
    kind: 'conflict',
    summary:
      'Guests together hold as many seats of this trip as they may (GUEST_HOLD_SHARE_PERCENT).',
    extensions: ['limit', 'held', 'requested'],
  },
  'lock.not_found': {
    kind: 'not_found',
    summary: 'The hold does not exist, has ended, or is not yours.',
  },
  'lock.max_lifetime': {
    kind: 'rule',
    summary: 'The hold has reached its maximum lifetime.',
    extensions: ['maxExpiresAt'],
  },

  // Bookings.
  'booking.not_found': {
    kind: 'not_found',
    summary: 'No such booking, or not yours (the same answer).',
  },
  'booking.seat_change_closed': {
    kind: 'rule',
    summary: 'Seat changes close SEAT_CHANGE_CUTOFF_HOURS before departure (`closesAt`).',
    extensions: ['closesAt'],
  },
  'booking.seat_change_not_found': {
    kind: 'not_found',
    summary: 'No such seat change awaits payment on this booking.',
  },
  'booking.seat_change_expired': {
    kind: 'conflict',
    summary: 'The seat change was not paid in time (`expiresAt`); ask for it again.',
    extensions: ['expiresAt'],
  },
  'booking.passenger_not_found': {
    kind: 'not_found',
    summary: 'No such passenger in this booking (never, or cancelled already).',
  },
  'booking.no_seats': { kind: 'rule', summary: 'No seat was chosen.', extensions: FIELDS },
  'passenger.seat_mismatch': {
    kind: 'rule',
    summary: 'Passengers and seats do not match one to one.',
    extensions: FIELDS,
  },
  'passenger.invalid_name': {
    kind: 'rule',
    summary: 'A full name is missing or not a name.',
    extensions: FIELDS,
  },
  'passenger.invalid_id_number': {
    kind: 'rule',
    summary: 'An ID number does not fit its ID type.',
    extensions: FIELDS,
  },
  'passenger.invalid_phone': {
    kind: 'rule',
    summary: 'A passenger phone is not a valid number.',
    extensions: FIELDS,
  },
  'passenger.invalid_email': {
    kind: 'rule',
    summary: 'A passenger e-mail is not valid.',
    extensions: FIELDS,
  },
  'passenger.accessible_seat_required': {
    kind: 'rule',
    summary: 'A passenger who needs an accessible seat is on a seat that is not.',
    extensions: FIELDS,
  },
  'contact.invalid_email': {
    kind: 'rule',
    summary: 'The contact e-mail is not valid.',
    extensions: FIELDS,
  },
  'contact.invalid_phone': {
    kind: 'rule',
    summary: 'The contact phone is not a valid number.',
    extensions: FIELDS,
  },
  'price.changed': {
    kind: 'conflict',
    summary: 'The total differs from `expectedTotal`; `priceBreakdown` is the new price.',
    extensions: ['priceBreakdown'],
  },
  'booking.not_modifiable': {
    kind: 'conflict',
    summary: 'Only a pending booking can be changed.',
    extensions: ['currentStatus'],
  },
  'payment.amount_mismatch': {
    kind: 'rule',
    summary: "The amount or currency paid is not the booking's total.",
  },
  'payment.provider_required': {
    kind: 'rule',
    summary:
      'Payments are confirmed by the payment provider (PAYMENT_PROVIDER=webhook); a booking’s ' +
      '`payment` says how to pay it.',
    extensions: ['payment'],
  },
  'payment.invalid_signature': {
    kind: 'unauthorized',
    summary: 'The webhook is not signed with PAYMENT_WEBHOOK_SECRET, or too old.',
  },
  'booking.not_confirmable': {
    kind: 'conflict',
    summary: 'Only a pending booking can be confirmed.',
    extensions: ['currentStatus'],
  },
  'booking.not_cancellable': {
    kind: 'conflict',
    summary: 'The booking can no longer be cancelled.',
    extensions: ['currentStatus'],
  },
  'booking.expired': {
    kind: 'conflict',
    summary: 'The payment window has closed; the booking expired.',
    extensions: ['currentStatus', 'expiresAt'],
  },
  'booking.already_confirmed': {
    kind: 'conflict',
    summary: 'The booking is already confirmed with another payment.',
    extensions: ['currentStatus'],
  },
  'booking.departed': {
    kind: 'conflict',
    summary: 'The trip has departed; the booking can no longer be cancelled.',
    extensions: ['currentStatus'],
  },
  'booking.boarded': {
    kind: 'conflict',
    summary: 'A passenger has boarded; the booking can no longer be cancelled or refunded.',
    extensions: ['currentStatus'],
  },
  'booking.already_claimed': {
    kind: 'conflict',
    summary: 'The booking already belongs to another account.',
  },
  'booking.history_forbidden': {
    kind: 'forbidden',
    summary: "Only the user (or an admin) may read a user's bookings.",
  },
  'guest.code_invalid': {
    kind: 'rule',
    summary: 'The one-time code is wrong, expired, used up or was never sent.',
  },

  // E-tickets.
  'ticket.not_available': {
    kind: 'conflict',
    summary: 'The booking is not confirmed, so it has no e-ticket yet.',
    extensions: ['currentStatus'],
  },
  'ticket.void': {
    kind: 'conflict',
    summary: 'The booking is cancelled; its ticket is void.',
    extensions: ['currentStatus', 'ticket'],
  },
  'ticket.signature_invalid': {
    kind: 'conflict',
    summary: 'The QR payload is not signed by this service.',
    extensions: ['ticket'],
  },
  'ticket.unknown': {
    kind: 'conflict',
    summary: 'The signed ticket matches no booking.',
    extensions: ['ticket'],
  },
  'ticket.other_trip': {
    kind: 'conflict',
    summary: 'The ticket is for another trip than the scanner’s.',
    extensions: ['ticket'],
  },
  'ticket.not_paid': {
    kind: 'conflict',
    summary: 'The booking is not paid.',
    extensions: ['ticket'],
  },
  'ticket.trip_completed': {
    kind: 'conflict',
    summary: 'The trip is over.',
    extensions: ['ticket'],
  },
  'ticket.revoked': {
    kind: 'conflict',
    summary: 'The passenger was cancelled from the booking; this ticket was revoked.',
    extensions: ['ticket'],
  },
  'ticket.seat_changed': {
    kind: 'conflict',
    summary: 'The passenger is no longer on this seat.',
    extensions: ['ticket'],
  },
  'ticket.not_valid': {
    kind: 'conflict',
    summary: 'The ticket is no longer valid.',
    extensions: ['ticket'],
  },
  'ticket.outside_boarding_window': {
    kind: 'conflict',
    summary: 'Boarding is open only around departure (BOARDING_WINDOW_MINUTES_BEFORE/AFTER).',
    extensions: ['opensAt', 'closesAt'],
  },
  'ticket.already_boarded': {
    kind: 'conflict',
    summary: 'The passenger has already boarded with this ticket.',
    extensions: ['ticket'],
  },

  // The seat feed (Socket.io; answered in acknowledgements and `seats:error`, not over HTTP).
  'feed.too_many_trips': {
    kind: 'rule',
    summary: 'The connection watches as many trips as it may.',
    extensions: ['limit'],
  },
  'feed.rate_limited': { kind: 'too_many', summary: 'Too many subscriptions at once.' },
  'feed.too_many_connections': {
    kind: 'too_many',
    summary: 'This address has as many seat-feed connections open as it may.',
    extensions: ['limit'],
  },
  'feed.unsubscribed': { kind: 'conflict', summary: 'The trip is not watched.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function errorSpec(code: ErrorCode): ErrorSpec {
  return ERROR_CATALOG[code];
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code);
}
