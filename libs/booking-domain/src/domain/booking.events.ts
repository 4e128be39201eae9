import type { Money, PassengerType, PriceBreakdown } from './pricing';

/** Who owns a booking: a registered user or a guest session. */
export interface BookingOwner {
  kind: 'user' | 'guest';
  id: string;
}

/**
 * A passenger as recorded: the name in clear (it is printed on the ticket), the ID number,
 * phone and e-mail sealed (AES-GCM, see @app/privacy) with their masked forms beside them.
 */
export interface PassengerRecord {
  /** Stable for the passenger's life in the booking (absent on events recorded before it was). */
  passengerId?: string;
  /** Their e-ticket's revision: a seat change issues the next one and revokes the last (1). */
  ticketRevision?: number;
  seatNumber: string;
  fullName: string;
  idType: 'citizen_id' | 'passport';
  idNumber: string;
  idNumberMasked: string;
  phone: string;
  phoneMasked: string;
  email?: string;
  emailMasked?: string;
  passengerType: PassengerType;
  needsAccessibleSeat: boolean;
}

/** Sealed contact details with masked forms and keyed hashes (blind indexes) for lookups. */
export interface ContactRecord {
  email: string;
  emailMasked: string;
  emailIndex: string;
  phone: string;
  phoneMasked: string;
  phoneIndex: string;
}

export interface BookingCreated {
  type: 'BookingCreated';
  data: {
    bookingId: string;
    reference: string;
    tripId: string;
    owner: BookingOwner;
    seatNumbers: string[];
    passengers: PassengerRecord[];
    contact: ContactRecord;
    price: PriceBreakdown;
    createdAt: string;
    /** The payment window ends here; a pending booking is then cancelled (reason `expired`). */
    expiresAt: string;
    departureAt: string;
    arrivalAt: string;
  };
}

/**
 * The booking's trip was delayed: its times follow (a pending booking's payment window too when
 * departure capped it). A long enough delay lets it be cancelled free of charge until
 * `freeCancellationUntil`.
 */
export interface BookingRescheduled {
  type: 'BookingRescheduled';
  data: {
    bookingId: string;
    departureAt: string;
    arrivalAt: string;
    previousDepartureAt: string;
    scheduledDepartureAt: string;
    delayMinutes: number;
    reason: string;
    expiresAt?: string;
    freeCancellationUntil?: string;
    rescheduledAt: string;
  };
}

export interface BookingModified {
  type: 'BookingModified';
  data: {
    bookingId: string;
    seatNumbers: string[];
    passengers: PassengerRecord[];
    price: PriceBreakdown;
    addedSeats: string[];
    releasedSeats: string[];
    modifiedAt: string;
  };
}

export interface BookingConfirmed {
  type: 'BookingConfirmed';
  data: {
    bookingId: string;
    paymentReference: string;
    paymentMethod: string;
    amount: Money;
    confirmedAt: string;
  };
}

export type CancellationReason = 'expired' | 'requested' | string;

export interface BookingCancelled {
  type: 'BookingCancelled';
  data: {
    bookingId: string;
    reason: CancellationReason;
    cancelledBy: 'owner' | 'admin' | 'system';
    refund: { amount: Money; percent: number };
    /** `refunded` when money goes back; otherwise what it was (`pending`, `completed`). */
    paymentStatus: PaymentStatus;
    seatNumbers: string[];
    cancelledAt: string;
    /** The e-ticket ids this revokes (absent on events recorded before they were kept). */
    revokedTickets?: string[];
  };
}

export interface BookingCompleted {
  type: 'BookingCompleted';
  data: { bookingId: string; completedAt: string };
}

/** A driver scanned a passenger's ticket and let them board. */
export interface PassengerBoarded {
  type: 'PassengerBoarded';
  data: { bookingId: string; seatNumber: string; boardedAt: string };
}

/** One attempt to e-mail the ticket: delivered, or failed (with whether it will be retried). */
export interface TicketEmailed {
  type: 'TicketEmailed';
  data: { bookingId: string; recipients: string[]; messageId: string; attempt: number };
}

export interface TicketEmailFailed {
  type: 'TicketEmailFailed';
  data: { bookingId: string; reason: string; attempt: number; willRetry: boolean };
}

/** A registered user took over a booking made at guest checkout (proving its contact e-mail). */
export interface BookingClaimed {
  type: 'BookingClaimed';
  data: { bookingId: string; owner: BookingOwner; previousOwner: BookingOwner; claimedAt: string };
}

/** A guest proved the booking's contact and was given an access token for this booking. */
export interface GuestAccessGranted {
  type: 'GuestAccessGranted';
  data: {
    bookingId: string;
    /** Which contact detail was proved. */
    contact: 'email' | 'phone';
    /** Proved by a one-time code e-mailed to the contact, not only by knowing it. */
    viaCode: boolean;
    expiresAt: string;
    grantedAt: string;
  };
}

/**
 * One passenger leaves the booking, their seat with them: a pending booking costs less; a
 * confirmed one refunds that passenger's line by the time tiers. (The last passenger's
 * cancellation is the booking's: BookingCancelled.)
 */
export interface PassengerCancelled {
  type: 'PassengerCancelled';
  data: {
    bookingId: string;
    passengerId: string;
    seatNumber: string;
    reason: CancellationReason;
    cancelledBy: 'owner' | 'admin' | 'system';
    refund: { amount: Money; percent: number };
    /** The booking's price for the passengers who remain. */
    price: PriceBreakdown;
    paymentStatus: PaymentStatus;
    cancelledAt: string;
    /** The e-ticket ids this revokes (`<passengerId>.<revision>`). */
    revokedTickets?: string[];
  };
}

/** One passenger's move from one seat to another, and the booking's price once moved. */
export interface SeatMove {
  bookingId: string;
  changeId: string;
  passengerId: string;
  fromSeat: string;
  toSeat: string;
  price: PriceBreakdown;
}

/** A paid booking's passenger asked for a dearer seat: the difference is due before it moves. */
export interface SeatChangeRequested {
  type: 'SeatChangeRequested';
  data: SeatMove & { amountDue: Money; requestedAt: string; expiresAt: string };
}

/**
 * A paid booking's passenger moved to another seat, the old one given back in the same append:
 * a dearer seat paid (`payment`), a cheaper one's difference refunded (`refund`). The
 * passenger's e-ticket gets the next revision; the old one is revoked.
 */
export interface SeatChanged {
  type: 'SeatChanged';
  data: SeatMove & {
    payment?: { reference: string; method: string; amount: Money };
    refund?: { amount: Money; percent: number };
    paymentStatus: PaymentStatus;
    ticketRevision: number;
    revokedTickets: string[];
    changedAt: string;
  };
}

export type BookingEvent =
  | BookingCreated
  | PassengerCancelled
  | SeatChangeRequested
  | SeatChanged
  | BookingModified
  | BookingConfirmed
  | BookingCancelled
  | BookingCompleted
  | PassengerBoarded
  | TicketEmailed
  | TicketEmailFailed
  | BookingClaimed
  | GuestAccessGranted
  | BookingRescheduled;

export const BOOKING_EVENT_TYPES: BookingEvent['type'][] = [
  'BookingCreated',
  'PassengerCancelled',
  'SeatChangeRequested',
  'SeatChanged',
  'BookingModified',
  'BookingConfirmed',
  'BookingCancelled',
  'BookingCompleted',
  'PassengerBoarded',
  'TicketEmailed',
  'TicketEmailFailed',
  'BookingClaimed',
  'GuestAccessGranted',
  'BookingRescheduled',
];

export const BOOKING_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** How a booking was paid, as the payment step reports it. */
export const PAYMENT_METHODS = ['card', 'bank_transfer', 'e_wallet', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_STATUSES = ['pending', 'completed', 'partially_refunded', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const bookingStreamId = (bookingId: string) => `booking-${bookingId}`;
