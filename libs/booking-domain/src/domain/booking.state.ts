import { createHash } from 'node:crypto';
import {
  BookingCreated,
  BookingEvent,
  BookingOwner,
  BookingStatus,
  CancellationReason,
  ContactRecord,
  PassengerRecord,
  PaymentStatus,
  SeatChangeRequested,
} from './booking.events';
import type { Money, PriceBreakdown } from './pricing';

export interface Booking {
  bookingId: string;
  version: number;
  reference: string;
  tripId: string;
  owner: BookingOwner;
  status: BookingStatus;
  paymentStatus: PaymentStatus;
  seatNumbers: string[];
  passengers: PassengerRecord[];
  contact: ContactRecord;
  price: PriceBreakdown;
  createdAt: string;
  expiresAt: string;
  departureAt: string;
  arrivalAt: string;
  payment?: { reference: string; method: string; amount: Money; confirmedAt: string };
  cancellation?: {
    reason: CancellationReason;
    cancelledBy: 'owner' | 'admin' | 'system';
    refund: { amount: Money; percent: number };
    cancelledAt: string;
  };
  /** A dearer seat asked for and not yet paid (it lapses at expiresAt). */
  pendingSeatChange?: Omit<SeatChangeRequested['data'], 'bookingId'>;
  /** Seats changed after payment, in order. */
  seatChanges?: {
    changeId: string;
    passengerId: string;
    fromSeat: string;
    toSeat: string;
    refund?: { amount: Money; percent: number };
    paid?: Money;
    changedAt: string;
  }[];
  /** Passengers cancelled on their own, in order (a confirmed booking's are refunds). */
  passengerCancellations?: PassengerCancellation[];
  completedAt?: string;
  /** When a registered user took over this guest booking (`owner` is then that user). */
  claimedAt?: string;
  /** Seats whose passenger has boarded. */
  boarded?: string[];
  /** The trip was delayed after the booking was made (departureAt is the new time). */
  tripDelay?: {
    scheduledDepartureAt: string;
    delayMinutes: number;
    reason: string;
    rescheduledAt: string;
    /** Cancelling is free of charge until then. */
    freeCancellationUntil?: string;
  };
  /**
   * The e-ticket mail owed since the confirmation: pending until one is sent, failed when its
   * attempts ran out. (Bookings confirmed before this was kept have none.)
   */
  ticketMail?: 'pending' | 'sent' | 'failed';
}

export interface PassengerCancellation {
  passengerId: string;
  seatNumber: string;
  fullName: string;
  refund: { amount: Money; percent: number };
  cancelledBy: 'owner' | 'admin' | 'system';
  cancelledAt: string;
}

/** A passenger's current e-ticket: `<passengerId>.<revision>`. */
export const ticketIdOf = (p: PassengerRecord) => `${p.passengerId}.${p.ticketRevision ?? 1}`;

/**
 * Passengers recorded before they had an id get one when the event that brought them is folded:
 * a UUID (version 5 style) of the booking and their seat then. It stays theirs from then on.
 */
const withIds = (bookingId: string, passengers: PassengerRecord[]): PassengerRecord[] =>
  passengers.map((p) =>
    p.passengerId ? p : { ...p, passengerId: derivedPassengerId(bookingId, p.seatNumber) },
  );

export function derivedPassengerId(bookingId: string, seatNumber: string): string {
  const hex = createHash('sha1').update(`${bookingId}/${seatNumber}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Refund {
  amount: Money;
  percent: number;
  passengerId?: string;
  seatNumber?: string;
  refundedAt: string;
}

/** Every refund, in time order: passengers' lines, cheaper seats, then the whole booking's. */
export function refundsOf(booking: Booking): Refund[] {
  const passengers = (booking.passengerCancellations ?? []).map((c) => ({
    ...c.refund,
    passengerId: c.passengerId,
    seatNumber: c.seatNumber,
    refundedAt: c.cancelledAt,
  }));
  const seatChanges = (booking.seatChanges ?? []).flatMap((c) =>
    c.refund
      ? [{ ...c.refund, passengerId: c.passengerId, seatNumber: c.toSeat, refundedAt: c.changedAt }]
      : [],
  );
  const whole = booking.cancellation
    ? [{ ...booking.cancellation.refund, refundedAt: booking.cancellation.cancelledAt }]
    : [];
  return [...passengers, ...seatChanges, ...whole]
    .filter((r) => r.amount.amount > 0)
    .sort((a, b) => a.refundedAt.localeCompare(b.refundedAt));
}

function created({ data }: BookingCreated): Booking {
  return {
    bookingId: data.bookingId,
    version: 1,
    reference: data.reference,
    tripId: data.tripId,
    owner: data.owner,
    status: 'pending',
    paymentStatus: 'pending',
    seatNumbers: data.seatNumbers,
    passengers: withIds(data.bookingId, data.passengers),
    contact: data.contact,
    price: data.price,
    createdAt: data.createdAt,
    expiresAt: data.expiresAt,
    departureAt: data.departureAt,
    arrivalAt: data.arrivalAt,
  };
}

/** `null` before the booking exists. */
export function evolve(state: Booking | null, event: BookingEvent): Booking {
  if (event.type === 'BookingCreated') return created(event);
  if (!state) throw new Error(`${event.type} before BookingCreated`);
  const next = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'BookingModified':
      return {
        ...next,
        seatNumbers: event.data.seatNumbers,
        passengers: withIds(state.bookingId, event.data.passengers),
        price: event.data.price,
      };
    case 'PassengerCancelled': {
      const { passengerId, seatNumber, refund, cancelledBy, cancelledAt } = event.data;
      const passenger = state.passengers.find((p) => p.passengerId === passengerId);
      return {
        ...next,
        seatNumbers: state.seatNumbers.filter((s) => s !== seatNumber),
        passengers: state.passengers.filter((p) => p.passengerId !== passengerId),
        price: event.data.price,
        paymentStatus: event.data.paymentStatus,
        passengerCancellations: [
          ...(state.passengerCancellations ?? []),
          {
            passengerId,
            seatNumber,
            fullName: passenger?.fullName ?? '',
            refund,
            cancelledBy,
            cancelledAt,
          },
        ],
      };
    }
    case 'BookingConfirmed':
      return {
        ...next,
        status: 'confirmed',
        paymentStatus: 'completed',
        payment: {
          reference: event.data.paymentReference,
          method: event.data.paymentMethod,
          amount: event.data.amount,
          confirmedAt: event.data.confirmedAt,
        },
        ticketMail: 'pending',
      };
    case 'BookingRescheduled': {
      const { departureAt, arrivalAt, expiresAt, freeCancellationUntil } = event.data;
      const { scheduledDepartureAt, delayMinutes, reason, rescheduledAt } = event.data;
      return {
        ...next,
        departureAt,
        arrivalAt,
        ...(expiresAt ? { expiresAt } : {}),
        tripDelay: {
          scheduledDepartureAt,
          delayMinutes,
          reason,
          rescheduledAt,
          ...(freeCancellationUntil ? { freeCancellationUntil } : {}),
        },
      };
    }
    case 'BookingCancelled':
      return {
        ...next,
        status: 'cancelled',
        paymentStatus: event.data.paymentStatus,
        cancellation: {
          reason: event.data.reason,
          cancelledBy: event.data.cancelledBy,
          refund: event.data.refund,
          cancelledAt: event.data.cancelledAt,
        },
      };
    case 'SeatChangeRequested': {
      const { bookingId: _, ...change } = event.data;
      return { ...next, pendingSeatChange: change };
    }
    case 'SeatChanged': {
      const d = event.data;
      return {
        ...next,
        seatNumbers: state.seatNumbers.map((s) => (s === d.fromSeat ? d.toSeat : s)),
        passengers: state.passengers.map((p) =>
          p.passengerId === d.passengerId
            ? { ...p, seatNumber: d.toSeat, ticketRevision: d.ticketRevision }
            : p,
        ),
        price: d.price,
        paymentStatus: d.paymentStatus,
        // What was paid in all: the first payment and every difference paid since.
        payment:
          state.payment && d.payment
            ? {
                ...state.payment,
                amount: {
                  ...state.payment.amount,
                  amount: state.payment.amount.amount + d.payment.amount.amount,
                },
              }
            : state.payment,
        pendingSeatChange: undefined,
        seatChanges: [
          ...(state.seatChanges ?? []),
          {
            changeId: d.changeId,
            passengerId: d.passengerId,
            fromSeat: d.fromSeat,
            toSeat: d.toSeat,
            ...(d.refund ? { refund: d.refund } : {}),
            ...(d.payment ? { paid: d.payment.amount } : {}),
            changedAt: d.changedAt,
          },
        ],
      };
    }
    case 'BookingCompleted':
      return { ...next, status: 'completed', completedAt: event.data.completedAt };
    case 'PassengerBoarded':
      return { ...next, boarded: [...(state.boarded ?? []), event.data.seatNumber] };
    case 'BookingClaimed':
      return { ...next, owner: event.data.owner, claimedAt: event.data.claimedAt };
    case 'TicketEmailed':
      return { ...next, ticketMail: 'sent' };
    case 'TicketEmailFailed':
      // Only the owed mail fails for good; a resend that fails changes nothing owed.
      return state.ticketMail === 'pending' && !event.data.willRetry
        ? { ...next, ticketMail: 'failed' }
        : next;
    case 'GuestAccessGranted':
      return next;
  }
}

/** Booked at guest checkout, whether or not a user has claimed it since. */
export const madeAsGuest = (booking: Pick<Booking, 'owner' | 'claimedAt'>) =>
  booking.owner.kind === 'guest' || booking.claimedAt !== undefined;
