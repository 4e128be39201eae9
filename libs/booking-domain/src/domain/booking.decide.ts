import {
  BookingCancelled,
  BookingClaimed,
  BookingCompleted,
  BookingConfirmed,
  BookingCreated,
  BookingModified,
  BookingOwner,
  BookingRescheduled,
  ContactRecord,
  GuestAccessGranted,
  PassengerBoarded,
  PassengerCancelled,
  PassengerRecord,
  SeatChanged,
  SeatChangeRequested,
  TicketEmailed,
  TicketEmailFailed,
} from './booking.events';
import { BookingErrors } from './booking.errors';
import { Booking, madeAsGuest, ticketIdOf } from './booking.state';
import {
  Money,
  percentOf,
  PriceBreakdown,
  RefundPolicy,
  refundPercent,
  PriceLine,
  withLine,
  withoutLine,
} from './pricing';

export interface CreateBooking {
  bookingId: string;
  reference: string;
  tripId: string;
  owner: BookingOwner;
  seatNumbers: string[];
  passengers: PassengerRecord[];
  contact: ContactRecord;
  price: PriceBreakdown;
  /** The total the client showed its user; a different server total is refused. */
  expectedTotal?: number;
  departureAt: Date;
  arrivalAt: Date;
}

/** What every booking decision knows besides the command and the booking's state. */
export interface BookingContext {
  now: Date;
}

export interface CreateBookingContext extends BookingContext {
  paymentWindowSeconds: number;
}

const MINUTE = 60_000;
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A pending booking, payable until the payment window closes (never after departure). */
export function createBooking(
  command: CreateBooking,
  state: Booking | null,
  { now, paymentWindowSeconds }: CreateBookingContext,
): BookingCreated[] {
  if (state) throw new Error(`booking ${command.bookingId} exists already`);
  if (now >= command.departureAt) throw BookingErrors.tripDeparted(command.tripId);
  if (command.expectedTotal !== undefined && command.expectedTotal !== command.price.total.amount) {
    throw BookingErrors.priceChanged(command.price, command.expectedTotal);
  }
  const expiresAt = Math.min(
    now.getTime() + paymentWindowSeconds * 1000,
    command.departureAt.getTime(),
  );
  return [
    {
      type: 'BookingCreated',
      data: {
        bookingId: command.bookingId,
        reference: command.reference,
        tripId: command.tripId,
        owner: command.owner,
        seatNumbers: command.seatNumbers,
        passengers: command.passengers,
        contact: command.contact,
        price: command.price,
        createdAt: now.toISOString(),
        expiresAt: iso(expiresAt),
        departureAt: command.departureAt.toISOString(),
        arrivalAt: command.arrivalAt.toISOString(),
      },
    },
  ];
}

const isPayable = (booking: Booking, now: Date) =>
  booking.status === 'pending' && now.getTime() < Date.parse(booking.expiresAt);

export interface ModifyBooking {
  bookingId: string;
  seatNumbers: string[];
  passengers: PassengerRecord[];
  price: PriceBreakdown;
}

/** New seats and/or passengers while pending; the price is the server's, recomputed. */
export function modifyBooking(
  change: ModifyBooking,
  booking: Booking,
  { now }: BookingContext,
): BookingModified[] {
  if (!isPayable(booking, now)) {
    throw BookingErrors.wrongStatus(
      'booking.not_modifiable',
      booking.status === 'pending' ? 'cancelled' : booking.status,
      'modified (only pending bookings can be)',
    );
  }
  return [
    {
      type: 'BookingModified',
      data: {
        bookingId: booking.bookingId,
        seatNumbers: change.seatNumbers,
        passengers: change.passengers,
        price: change.price,
        addedSeats: change.seatNumbers.filter((s) => !booking.seatNumbers.includes(s)),
        releasedSeats: booking.seatNumbers.filter((s) => !change.seatNumbers.includes(s)),
        modifiedAt: now.toISOString(),
      },
    },
  ];
}

export interface ConfirmBooking {
  bookingId: string;
  paymentReference: string;
  paymentMethod: string;
  /** What the payment provider says was paid: it must be the booking's total. */
  amount?: Money;
}

/** Payment received. Idempotent for the same payment reference. */
export function confirmBooking(
  payment: ConfirmBooking,
  booking: Booking,
  { now }: BookingContext,
): BookingConfirmed[] {
  if (booking.status === 'confirmed' || booking.status === 'completed') {
    if (booking.payment?.reference === payment.paymentReference) return [];
    throw BookingErrors.alreadyConfirmed(booking.payment?.reference ?? '');
  }
  if (booking.status === 'cancelled') {
    if (
      booking.cancellation?.reason === 'expired' &&
      booking.cancellation.cancelledBy === 'system'
    ) {
      throw BookingErrors.paymentWindowClosed(booking.expiresAt);
    }
    throw BookingErrors.wrongStatus('booking.not_confirmable', 'cancelled', 'confirmed');
  }
  if (!isPayable(booking, now)) throw BookingErrors.paymentWindowClosed(booking.expiresAt);
  const total = booking.price.total;
  if (
    payment.amount &&
    (payment.amount.amount !== total.amount || payment.amount.currency !== total.currency)
  ) {
    throw BookingErrors.paymentAmountMismatch(payment.amount, total);
  }
  return [
    {
      type: 'BookingConfirmed',
      data: {
        bookingId: booking.bookingId,
        paymentReference: payment.paymentReference,
        paymentMethod: payment.paymentMethod,
        amount: booking.price.total,
        confirmedAt: now.toISOString(),
      },
    },
  ];
}

export interface CancelBooking {
  bookingId: string;
  reason: string;
  cancelledBy: 'owner' | 'admin' | 'system';
}

/** The reason of every booking cancelled because its trip was. */
export const TRIP_CANCELLED_REASON = 'trip_cancelled';

/**
 * The operator cancelled the booking's trip: whatever the time and whoever boarded, the booking
 * is cancelled and what was paid refunded in full. A booking already ended is left as it is, so
 * the saga that does this may run again after a crash without refunding anyone twice.
 */
export function cancelForCancelledTrip(
  request: { bookingId: string },
  booking: Booking,
  { now }: BookingContext,
): BookingCancelled[] {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') return [];
  const why = { reason: TRIP_CANCELLED_REASON, cancelledBy: 'system' as const };
  return [bookingCancelled(booking, why, booking.payment ? 100 : 0, now)];
}

/** The trip's delay as the saga that carries it to each booking knows it (TripDelayed). */
export interface RescheduleForDelayedTrip {
  bookingId: string;
  departureAt: string;
  arrivalAt: string;
  scheduledDepartureAt: string;
  delayMinutes: number;
  reason: string;
  freeCancellationUntil?: string;
}

/**
 * A live booking follows its trip's delay: new departure and arrival, hence refund tiers, seat
 * change cutoff and boarding window; a pending one's payment window, when departure capped it,
 * reaches as far as it would have. A free cancellation offered by an earlier delay is kept. A
 * booking already at (or past) the new departure changes nothing, so the saga may run again.
 */
export function rescheduleForDelayedTrip(
  delay: RescheduleForDelayedTrip,
  booking: Booking,
  { now, paymentWindowSeconds }: CreateBookingContext,
): BookingRescheduled[] {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') return [];
  if (Date.parse(booking.departureAt) >= Date.parse(delay.departureAt)) return [];
  // A pending booking's window, capped by the old departure, reaches as far as it would have.
  const expiresAt =
    booking.status === 'pending'
      ? Math.min(
          Date.parse(booking.createdAt) + paymentWindowSeconds * 1000,
          Date.parse(delay.departureAt),
        )
      : undefined;
  const freeUntil = [delay.freeCancellationUntil, booking.tripDelay?.freeCancellationUntil]
    .filter((at): at is string => !!at)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);
  return [
    {
      type: 'BookingRescheduled',
      data: {
        bookingId: booking.bookingId,
        departureAt: delay.departureAt,
        arrivalAt: delay.arrivalAt,
        previousDepartureAt: booking.departureAt,
        scheduledDepartureAt: delay.scheduledDepartureAt,
        delayMinutes: delay.delayMinutes,
        reason: delay.reason,
        ...(expiresAt !== undefined && expiresAt > Date.parse(booking.expiresAt)
          ? { expiresAt: iso(expiresAt) }
          : {}),
        ...(freeUntil ? { freeCancellationUntil: freeUntil } : {}),
        rescheduledAt: now.toISOString(),
      },
    },
  ];
}

export interface CancelBookingContext extends BookingContext {
  refundPolicy: RefundPolicy;
}

/**
 * Cancels a pending or confirmed booking; the seats are given back with it. A confirmed one is
 * refunded by the policy's tier for the time left before departure, and not at all after it.
 */
export function cancelBooking(
  request: CancelBooking,
  booking: Booking,
  { now, refundPolicy: refunds }: CancelBookingContext,
): BookingCancelled[] {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') {
    throw BookingErrors.wrongStatus('booking.not_cancellable', booking.status, 'cancelled');
  }
  if (booking.boarded?.length) throw BookingErrors.boarded();
  const percent = refundPercentNow(booking, now, refunds);
  return [bookingCancelled(booking, request, percent, now)];
}

/** The whole booking cancelled, `percent` of what was paid refunded, its e-tickets revoked. */
function bookingCancelled(
  booking: Booking,
  { reason, cancelledBy }: Pick<CancelBooking, 'reason' | 'cancelledBy'>,
  percent: number,
  now: Date,
): BookingCancelled {
  // What is paid for the passengers and seats the booking has now: its price (the payment
  // matched it, and every change since kept it so).
  const paid = booking.payment ? booking.price.total : { ...booking.price.total, amount: 0 };
  const amount = percentOf(paid.amount, percent);
  return {
    type: 'BookingCancelled',
    data: {
      bookingId: booking.bookingId,
      reason,
      cancelledBy,
      refund: { amount: { ...paid, amount }, percent },
      paymentStatus: amount > 0 ? 'refunded' : booking.paymentStatus,
      seatNumbers: booking.seatNumbers,
      cancelledAt: now.toISOString(),
      ...(booking.payment ? { revokedTickets: booking.passengers.map(ticketIdOf) } : {}),
    },
  };
}

/**
 * The refund tier for a confirmed booking now (all of it while a delay's free cancellation
 * lasts); nothing to refund on a pending one.
 */
function refundPercentNow(booking: Booking, now: Date, refunds: RefundPolicy): number {
  if (booking.status !== 'confirmed') return 0;
  const hoursLeft = (Date.parse(booking.departureAt) - now.getTime()) / HOUR;
  if (hoursLeft <= 0) throw BookingErrors.departed();
  if (isFreeToCancel(booking, now)) return 100;
  return refundPercent(refunds, hoursLeft);
}

/** Whether a delay of the trip lets the booking be cancelled free of charge now. */
export const isFreeToCancel = (booking: Booking, now: Date): boolean =>
  !!booking.tripDelay?.freeCancellationUntil &&
  now.getTime() < Date.parse(booking.tripDelay.freeCancellationUntil);

export interface CancelPassenger {
  bookingId: string;
  passengerId: string;
  reason: string;
  cancelledBy: 'owner' | 'admin' | 'system';
}

/**
 * One passenger leaves a pending or confirmed booking with their seat. Pending: the price is
 * that of the others (each line is priced on its own). Confirmed: that passenger's line
 * (discount and VAT included) is refunded by the same tiers as a whole cancellation; the
 * booking stays confirmed for the others. The last passenger's cancellation is the booking's.
 */
export function cancelPassenger(
  request: CancelPassenger,
  booking: Booking,
  context: CancelBookingContext,
): (PassengerCancelled | BookingCancelled)[] {
  const passenger = booking.passengers.find((p) => p.passengerId === request.passengerId);
  if (booking.status !== 'pending' && booking.status !== 'confirmed') {
    throw BookingErrors.wrongStatus('booking.not_cancellable', booking.status, 'cancelled');
  }
  if (!passenger) throw BookingErrors.passengerNotFound(request.passengerId);
  if (booking.boarded?.includes(passenger.seatNumber)) throw BookingErrors.boarded();
  if (booking.status === 'pending' && !isPayable(booking, context.now)) {
    throw BookingErrors.paymentWindowClosed(booking.expiresAt);
  }
  if (booking.passengers.length === 1) {
    const { bookingId, reason, cancelledBy } = request;
    return cancelBooking({ bookingId, reason, cancelledBy }, booking, context);
  }
  const percent = refundPercentNow(booking, context.now, context.refundPolicy);
  const line = booking.price.lines.find((l) => l.seatNumber === passenger.seatNumber);
  const lineTotal = line ? line.net.amount + line.tax.amount : 0;
  const amount = booking.payment ? percentOf(lineTotal, percent) : 0;
  const refunded =
    amount > 0 || (booking.passengerCancellations ?? []).some((c) => c.refund.amount.amount > 0);
  return [
    {
      type: 'PassengerCancelled',
      data: {
        bookingId: booking.bookingId,
        passengerId: request.passengerId,
        seatNumber: passenger.seatNumber,
        reason: request.reason,
        cancelledBy: request.cancelledBy,
        refund: { amount: { ...booking.price.total, amount }, percent },
        price: withoutLine(booking.price, passenger.seatNumber),
        paymentStatus:
          booking.status === 'confirmed' && refunded ? 'partially_refunded' : booking.paymentStatus,
        cancelledAt: context.now.toISOString(),
        ...(booking.payment ? { revokedTickets: [ticketIdOf(passenger)] } : {}),
      },
    },
  ];
}

export interface RequestSeatChange {
  bookingId: string;
  changeId: string;
  passengerId: string;
  toSeatNumber: string;
  /** The passenger's price line on the new seat (the trip's fare, their discount, VAT). */
  newLine: PriceLine;
}

export interface SeatChangeContext extends BookingContext {
  /** Seats can be changed until this many hours before departure. */
  cutoffHours: number;
  /** A dearer seat's difference must be paid within this. */
  paymentWindowSeconds: number;
}

/**
 * A paid booking's passenger moves to another seat until the cutoff before departure. The same
 * or a cheaper fare moves at once (the difference refunded); a dearer one waits for the
 * difference to be paid (confirmSeatChange).
 */
export function requestSeatChange(
  command: RequestSeatChange,
  booking: Booking,
  context: SeatChangeContext,
): (SeatChangeRequested | SeatChanged)[] {
  const passenger = checkSeatChange(booking, command.passengerId, context);
  const to = command.toSeatNumber;
  if (to === passenger.seatNumber || booking.seatNumbers.includes(to)) {
    throw BookingErrors.seatAlreadyInBooking(to);
  }
  const line = booking.price.lines.find((l) => l.seatNumber === passenger.seatNumber);
  const price = withLine(booking.price, passenger.seatNumber, command.newLine);
  const difference = price.total.amount - booking.price.total.amount;
  const base = {
    bookingId: booking.bookingId,
    changeId: command.changeId,
    passengerId: command.passengerId,
    fromSeat: passenger.seatNumber,
    toSeat: to,
    price,
  };
  if (difference > 0) {
    const expiresAt = Math.min(
      context.now.getTime() + context.paymentWindowSeconds * 1000,
      seatChangeCutoff(booking, context.cutoffHours).getTime(),
    );
    return [
      {
        type: 'SeatChangeRequested',
        data: {
          ...base,
          amountDue: { ...price.total, amount: difference },
          requestedAt: context.now.toISOString(),
          expiresAt: iso(expiresAt),
        },
      },
    ];
  }
  const refund = -difference;
  return [
    {
      type: 'SeatChanged',
      data: {
        ...base,
        ...(refund > 0
          ? {
              refund: {
                amount: { ...price.total, amount: refund },
                percent: line
                  ? Math.round((100 * refund) / (line.net.amount + line.tax.amount))
                  : 0,
              },
            }
          : {}),
        paymentStatus: refund > 0 ? 'partially_refunded' : booking.paymentStatus,
        ticketRevision: (passenger.ticketRevision ?? 1) + 1,
        revokedTickets: [ticketIdOf(passenger)],
        changedAt: context.now.toISOString(),
      },
    },
  ];
}

export interface ConfirmSeatChange {
  bookingId: string;
  changeId: string;
  paymentReference: string;
  paymentMethod: string;
  /** What the payment provider says was paid: it must be the amount due. */
  amount?: Money;
}

/** The dearer seat's difference is paid: the passenger moves. Idempotent per payment reference. */
export function confirmSeatChange(
  payment: ConfirmSeatChange,
  booking: Booking,
  context: SeatChangeContext,
): SeatChanged[] {
  const done = booking.seatChanges?.find((c) => c.changeId === payment.changeId);
  if (done) return [];
  const change = booking.pendingSeatChange;
  if (!change || change.changeId !== payment.changeId) {
    throw BookingErrors.seatChangeNotFound(payment.changeId);
  }
  if (context.now.getTime() >= Date.parse(change.expiresAt)) {
    throw BookingErrors.seatChangeExpired(change.expiresAt);
  }
  const passenger = checkSeatChange(booking, change.passengerId, context);
  if (
    payment.amount &&
    (payment.amount.amount !== change.amountDue.amount ||
      payment.amount.currency !== change.amountDue.currency)
  ) {
    throw BookingErrors.paymentAmountMismatch(payment.amount, change.amountDue);
  }
  return [
    {
      type: 'SeatChanged',
      data: {
        bookingId: booking.bookingId,
        changeId: change.changeId,
        passengerId: change.passengerId,
        fromSeat: change.fromSeat,
        toSeat: change.toSeat,
        price: change.price,
        payment: {
          reference: payment.paymentReference,
          method: payment.paymentMethod,
          amount: change.amountDue,
        },
        paymentStatus: booking.paymentStatus,
        ticketRevision: (passenger.ticketRevision ?? 1) + 1,
        revokedTickets: [ticketIdOf(passenger)],
        changedAt: context.now.toISOString(),
      },
    },
  ];
}

/** When seat changes close: SEAT_CHANGE_CUTOFF_HOURS before departure. */
const seatChangeCutoff = (booking: Booking, cutoffHours: number) =>
  new Date(Date.parse(booking.departureAt) - cutoffHours * HOUR);

/** The passenger of a paid booking whose seat may still change now. */
function checkSeatChange(booking: Booking, passengerId: string, context: SeatChangeContext) {
  if (booking.status !== 'confirmed') {
    throw BookingErrors.wrongStatus(
      'booking.not_modifiable',
      booking.status,
      'given other seats this way (a pending booking is changed with PATCH)',
    );
  }
  const passenger = booking.passengers.find((p) => p.passengerId === passengerId);
  if (!passenger) throw BookingErrors.passengerNotFound(passengerId);
  if (booking.boarded?.includes(passenger.seatNumber)) throw BookingErrors.boarded();
  const closesAt = seatChangeCutoff(booking, context.cutoffHours);
  if (context.now >= closesAt) throw BookingErrors.seatChangeClosed(closesAt);
  return passenger;
}

export interface ExpireBooking {
  bookingId: string;
}

/** A pending booking whose payment window has closed is cancelled (reason `expired`). */
export function expireBooking(
  _command: ExpireBooking,
  booking: Booking,
  { now }: BookingContext,
): BookingCancelled[] {
  if (booking.status !== 'pending' || now.getTime() < Date.parse(booking.expiresAt)) return [];
  return [
    {
      type: 'BookingCancelled',
      data: {
        bookingId: booking.bookingId,
        reason: 'expired',
        cancelledBy: 'system',
        refund: { amount: { ...booking.price.total, amount: 0 }, percent: 0 },
        paymentStatus: booking.paymentStatus,
        seatNumbers: booking.seatNumbers,
        cancelledAt: now.toISOString(),
      },
    },
  ];
}

export interface CompleteBooking {
  bookingId: string;
}

/** A confirmed booking is completed once the trip has arrived. */
export function completeBooking(
  _command: CompleteBooking,
  booking: Booking,
  { now }: BookingContext,
): BookingCompleted[] {
  if (booking.status !== 'confirmed' || now.getTime() < Date.parse(booking.arrivalAt)) return [];
  return [
    {
      type: 'BookingCompleted',
      data: { bookingId: booking.bookingId, completedAt: now.toISOString() },
    },
  ];
}

export interface BoardPassenger {
  bookingId: string;
  seatNumber: string;
}

/** Boarding, once per seat, of a confirmed booking. */
export interface BoardingContext extends BookingContext {
  /** Boarding opens this long before departure and closes this long after it. */
  boardingWindow: { minutesBefore: number; minutesAfter: number };
}

export function boardPassenger(
  { seatNumber }: BoardPassenger,
  booking: Booking,
  { now, boardingWindow }: BoardingContext,
): PassengerBoarded[] {
  if (booking.status !== 'confirmed') {
    throw BookingErrors.wrongStatus('ticket.not_valid', booking.status, 'boarded');
  }
  const departure = Date.parse(booking.departureAt);
  const opensAt = new Date(departure - boardingWindow.minutesBefore * MINUTE);
  const closesAt = new Date(departure + boardingWindow.minutesAfter * MINUTE);
  if (now < opensAt || now > closesAt) throw BookingErrors.outsideBoardingWindow(opensAt, closesAt);
  if (!booking.seatNumbers.includes(seatNumber)) throw BookingErrors.seatNotInBooking(seatNumber);
  if (booking.boarded?.includes(seatNumber)) throw BookingErrors.alreadyBoarded(seatNumber);
  return [
    {
      type: 'PassengerBoarded',
      data: { bookingId: booking.bookingId, seatNumber, boardedAt: now.toISOString() },
    },
  ];
}

export interface ClaimBooking {
  bookingId: string;
  /** The account taking the booking over. */
  userId: string;
}

/**
 * A user takes over a guest booking (whatever its status: history includes cancelled trips).
 * Claiming one's own booking again changes nothing; a booking of another account is refused.
 */
export function claimBooking(
  { userId }: ClaimBooking,
  booking: Booking,
  { now }: BookingContext,
): BookingClaimed[] {
  if (booking.owner.kind === 'user') {
    if (booking.owner.id === userId) return [];
    throw BookingErrors.claimedByOther();
  }
  if (!madeAsGuest(booking)) throw BookingErrors.claimedByOther();
  return [
    {
      type: 'BookingClaimed',
      data: {
        bookingId: booking.bookingId,
        owner: { kind: 'user', id: userId },
        previousOwner: booking.owner,
        claimedAt: now.toISOString(),
      },
    },
  ];
}

export interface GrantGuestAccess {
  bookingId: string;
  /** What the guest proved. */
  contact: 'email' | 'phone';
  /** By a code sent to the contact, rather than by knowing it. */
  viaCode: boolean;
  /** When the access token the guest gets expires. */
  expiresAt: string;
}

/** A guest proved the booking's contact (how, and until when the token they get lasts). */
export function grantGuestAccess(
  { contact, viaCode, expiresAt }: GrantGuestAccess,
  booking: Booking,
  { now }: BookingContext,
): GuestAccessGranted[] {
  return [
    {
      type: 'GuestAccessGranted',
      data: {
        bookingId: booking.bookingId,
        contact,
        viaCode,
        expiresAt,
        grantedAt: now.toISOString(),
      },
    },
  ];
}

export type TicketEmailOutcome =
  | { sent: true; recipients: string[]; messageId: string; attempt: number }
  | { sent: false; reason: string; attempt: number; willRetry: boolean };

export interface RecordTicketEmail {
  bookingId: string;
  outcome: TicketEmailOutcome;
}

/** One delivery attempt of the e-ticket, whatever the booking's state since: a fact to record. */
export function recordTicketEmail(
  { outcome }: RecordTicketEmail,
  booking: Booking,
  _context: BookingContext,
): (TicketEmailed | TicketEmailFailed)[] {
  const { bookingId } = booking;
  if (outcome.sent) {
    const { recipients, messageId, attempt } = outcome;
    return [{ type: 'TicketEmailed', data: { bookingId, recipients, messageId, attempt } }];
  }
  const { reason, attempt, willRetry } = outcome;
  return [{ type: 'TicketEmailFailed', data: { bookingId, reason, attempt, willRetry } }];
}
