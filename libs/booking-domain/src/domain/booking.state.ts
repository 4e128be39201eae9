import {
  BookingCreated,
  BookingEvent,
  BookingOwner,
  BookingStatus,
  CancellationReason,
  ContactRecord,
  PassengerRecord,
  PaymentStatus,
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
  /** Passengers cancelled on their own, in order (a confirmed booking's are refunds). */
  passengerCancellations?: PassengerCancellation[];
  completedAt?: string;
  /** When a registered user took over this guest booking (`owner` is then that user). */
  claimedAt?: string;
  /** Seats whose passenger has boarded. */
  boarded?: string[];
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

/**
 * Passengers recorded before they had an id get one from their seat when the event that
 * brought them is folded; it stays theirs from then on.
 */
const withIds = (passengers: PassengerRecord[]): PassengerRecord[] =>
  passengers.map((p) => (p.passengerId ? p : { ...p, passengerId: `seat-${p.seatNumber}` }));

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
    passengers: withIds(data.passengers),
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
        passengers: withIds(event.data.passengers),
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
