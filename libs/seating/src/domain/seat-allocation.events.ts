import type { Fares, SeatType } from './catalog.types';

/** A holder of seats: a registered user or a guest session. */
export interface Holder {
  kind: 'user' | 'guest';
  id: string;
}

export interface SeatsLocked {
  type: 'SeatsLocked';
  data: {
    lockId: string;
    tripId: string;
    holder: Holder;
    seatNumbers: string[];
    lockedAt: string;
    expiresAt: string;
    /** Extensions never go past this: creation + the maximum lifetime. */
    maxExpiresAt: string;
    /** Seats the same holder already held in other locks, now moved into this one. */
    transferredFrom: { lockId: string; seatNumbers: string[] }[];
    /** A guest's hold: where it came from, as a keyed hash of the client address (never the address). */
    origin?: string;
  };
}

export interface SeatLockExtended {
  type: 'SeatLockExtended';
  data: {
    lockId: string;
    tripId: string;
    expiresAt: string;
    previousExpiresAt?: string;
    /** Whose hold and which seats (absent on events recorded before they were added). */
    holder?: Holder;
    seatNumbers?: string[];
  };
}

export interface SeatLockReleased {
  type: 'SeatLockReleased';
  /** `expiresAt`: when the hold would have expired (lets the worker drop its expiry job). */
  data: {
    lockId: string;
    tripId: string;
    seatNumbers: string[];
    expiresAt?: string;
    holder?: Holder;
  };
}

export interface SeatLockExpired {
  type: 'SeatLockExpired';
  data: {
    lockId: string;
    tripId: string;
    seatNumbers: string[];
    expiredAt: string;
    holder?: Holder;
  };
}

/** Seats become a booking's: taken from the holder's holds (or, when modifying, free seats). */
export interface SeatsBooked {
  type: 'SeatsBooked';
  data: {
    tripId: string;
    bookingId: string;
    holder: Holder;
    seatNumbers: string[];
    /** The holds the seats came from; a hold left with no seat has ended. */
    fromHolds: { lockId: string; seatNumbers: string[] }[];
  };
}

/** A booking gives seats back: cancelled, expired, or moved to other seats. */
export interface BookedSeatsReleased {
  type: 'BookedSeatsReleased';
  data: {
    tripId: string;
    bookingId: string;
    seatNumbers: string[];
    reason: 'cancelled' | 'expired' | 'modified';
  };
}

/** A party waits for seats of a full trip (in the trip's stream: offers are decided with holds). */
export interface WaitlistJoined {
  type: 'WaitlistJoined';
  data: {
    tripId: string;
    entryId: string;
    holder: Holder;
    seats: number;
    seatType?: SeatType;
    /** Where the offer is e-mailed: sealed, with a masked form to show. */
    contact: { email: string; emailMasked: string };
    joinedAt: string;
    /** A guest's client address, as a keyed hash (never the address): its places are capped. */
    origin?: string;
  };
}

export interface WaitlistLeft {
  type: 'WaitlistLeft';
  data: { tripId: string; entryId: string; holder: Holder; leftAt: string };
}

/**
 * Freed seats offered to a waiting party: they are held for it (the SeatsLocked of the same
 * append, `lockId`) until `expiresAt`. The party leaves the list; an offer not taken lapses with
 * its hold, and the seats go to the next party that fits.
 */
export interface WaitlistOffered {
  type: 'WaitlistOffered';
  data: {
    tripId: string;
    entryId: string;
    holder: Holder;
    lockId: string;
    seatNumbers: string[];
    offeredAt: string;
    expiresAt: string;
  };
}

export type WaitlistEvent = WaitlistJoined | WaitlistLeft | WaitlistOffered;

/**
 * The operator cancelled the trip: from this event on no seat of it is held, booked or offered
 * (its holds end in the same append). The worker's saga cancels its bookings.
 */
export interface TripCancelled {
  type: 'TripCancelled';
  data: { tripId: string; reason: string; cancelledAt: string };
}

/**
 * The operator moved the trip's departure later (arrival by as much). `delayMinutes` counts from
 * the departure first scheduled; when it is long enough, passengers booked now may cancel free of
 * charge until `freeCancellationUntil`. The worker's saga carries it to each booking.
 */
export interface TripDelayed {
  type: 'TripDelayed';
  data: {
    tripId: string;
    departureAt: string;
    arrivalAt: string;
    previousDepartureAt: string;
    scheduledDepartureAt: string;
    delayMinutes: number;
    reason: string;
    delayedAt: string;
    freeCancellationUntil?: string;
  };
}

/** The operator changed a trip before anything was booked on it (only the fields changed). */
export interface TripUpdated {
  type: 'TripUpdated';
  data: {
    tripId: string;
    changes: {
      busId?: string;
      origin?: string;
      destination?: string;
      departureAt?: string;
      arrivalAt?: string;
      maxSeatsPerBooking?: number;
    };
    updatedAt: string;
  };
}

/** New fares for the trip's seat types: bookings made from now on pay them. */
export interface TripFaresChanged {
  type: 'TripFaresChanged';
  data: { tripId: string; fares: Fares; changedAt: string };
}

/** No more holds, bookings or waiting-list places on the trip until sales open again. */
export interface TripSalesClosed {
  type: 'TripSalesClosed';
  data: { tripId: string; reason?: string; closedAt: string };
}

export interface TripSalesOpened {
  type: 'TripSalesOpened';
  data: { tripId: string; openedAt: string };
}

export type TripAdminEvent = TripUpdated | TripFaresChanged | TripSalesClosed | TripSalesOpened;

export type SeatAllocationEvent =
  | SeatsLocked
  | SeatLockExtended
  | SeatLockReleased
  | SeatLockExpired
  | SeatsBooked
  | BookedSeatsReleased
  | WaitlistEvent
  | TripCancelled
  | TripDelayed
  | TripAdminEvent;

export const WAITLIST_EVENT_TYPES: WaitlistEvent['type'][] = [
  'WaitlistJoined',
  'WaitlistLeft',
  'WaitlistOffered',
];

/**
 * What staff change on a trip short of cancelling or delaying it: route, times, bus, fares and
 * sales.
 */
export const TRIP_ADMIN_EVENT_TYPES: TripAdminEvent['type'][] = [
  'TripUpdated',
  'TripFaresChanged',
  'TripSalesClosed',
  'TripSalesOpened',
];

export const SEAT_ALLOCATION_EVENT_TYPES: SeatAllocationEvent['type'][] = [
  'SeatsLocked',
  'SeatLockExtended',
  'SeatLockReleased',
  'SeatLockExpired',
  'SeatsBooked',
  'BookedSeatsReleased',
  ...WAITLIST_EVENT_TYPES,
  'TripCancelled',
  'TripDelayed',
  ...TRIP_ADMIN_EVENT_TYPES,
];

/** One stream per trip: holds of several seats stay atomic and versions are gap-free per trip. */
export const seatAllocationStreamId = (tripId: string) => `seat-allocation-${tripId}`;
