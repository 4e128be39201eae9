import { deciderSpec } from '../../../../test/utils/decider-specification';
import {
  boardPassenger,
  cancelBooking,
  cancelForCancelledTrip,
  CancelBooking,
  cancelPassenger,
  claimBooking,
  completeBooking,
  confirmBooking,
  ConfirmBooking,
  createBooking,
  CreateBooking,
  expireBooking,
  grantGuestAccess,
  modifyBooking,
  ModifyBooking,
  recordTicketEmail,
  rescheduleForDelayedTrip,
  RescheduleForDelayedTrip,
} from './booking.decide';
import { BookingEvent, PassengerRecord } from './booking.events';
import { Booking, evolve, madeAsGuest } from './booking.state';
import { priceSeats } from './pricing';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const HOURS = 60;
const refundPolicy = {
  tiers: [
    { hoursBefore: 24, percent: 90 },
    { hoursBefore: 2, percent: 50 },
  ],
};
const policy = { discountPercent: { adult: 0, child: 25, senior: 15 }, vatPercent: 10 };
const passenger = (seatNumber: string): PassengerRecord => ({
  seatNumber,
  fullName: 'Nguyễn Thị Ánh',
  idType: 'citizen_id',
  idNumber: 'pii:v1:k:sealed',
  idNumberMasked: '••••••••6789',
  phone: 'pii:v1:k:sealed',
  phoneMasked: '•••••••••678',
  passengerType: 'adult',
  needsAccessibleSeat: false,
});
const price = priceSeats(
  [{ seatNumber: 'A1', passengerType: 'adult', fare: { amount: 450_000, currency: 'VND' } }],
  policy,
);
const create: CreateBooking = {
  bookingId: 'b-1',
  reference: 'BUS20261125ABCDEFGHJKM',
  tripId: 't-1',
  owner: { kind: 'user', id: 'u-1' },
  seatNumbers: ['A1'],
  passengers: [passenger('A1')],
  contact: {
    email: 'pii:v1:k:e',
    emailMasked: 'a•••@example.com',
    emailIndex: 'idx',
    phone: 'pii:v1:k:p',
    phoneMasked: '•••678',
    phoneIndex: 'idx',
  },
  price,
  departureAt: at(72 * HOURS),
  arrivalAt: at(78 * HOURS),
};

/** A booking's stream: `null` until BookingCreated; every decision at T0 unless a case says. */
const bookingStream = { evolve, initialState: (): Booking | null => null };
const context = { now: T0 };

const creating = deciderSpec({
  decide: createBooking,
  ...bookingStream,
  context: { ...context, paymentWindowSeconds: 900 },
});
const confirming = deciderSpec({ decide: confirmBooking, ...bookingStream, context });
const cancelling = deciderSpec({
  decide: cancelBooking,
  ...bookingStream,
  context: { ...context, refundPolicy },
});
const expiring = deciderSpec({ decide: expireBooking, ...bookingStream, context });
const completing = deciderSpec({ decide: completeBooking, ...bookingStream, context });
const claiming = deciderSpec({ decide: claimBooking, ...bookingStream, context });

const pay: ConfirmBooking = { bookingId: 'b-1', paymentReference: 'PAY-1', paymentMethod: 'card' };
const byOwner: CancelBooking = { bookingId: 'b-1', reason: 'changed plans', cancelledBy: 'owner' };

/** The histories the cases start from, each decided by its decider. */
const created = (command: CreateBooking = create): BookingEvent[] =>
  creating.given().when(command).thenDecided().events;
const confirmed = (minutes = 1, history: BookingEvent[] = created()): BookingEvent[] =>
  confirming
    .given(...history)
    .when(pay, { now: at(minutes) })
    .thenDecided().events;
const cancelled = (minutes: number, history: BookingEvent[], command = byOwner): BookingEvent[] =>
  cancelling
    .given(...history)
    .when(command, { now: at(minutes) })
    .thenDecided().events;
const completed = (minutes: number, history: BookingEvent[]): BookingEvent[] =>
  completing
    .given(...history)
    .when({ bookingId: 'b-1' }, { now: at(minutes) })
    .thenDecided().events;

describe('createBooking', () => {
  it('creates a pending booking payable for the payment window', () => {
    const {
      events: [event],
      state: booking,
    } = creating.given().when(create).thenDecided();
    expect(event.type).toBe('BookingCreated');
    expect(event.data.expiresAt).toBe(at(15).toISOString());
    expect(booking).toMatchObject({ status: 'pending', paymentStatus: 'pending', version: 1 });
  });

  it('never lets the payment window run past departure', () => {
    const {
      events: [event],
    } = creating
      .given()
      .when({ ...create, departureAt: at(5) })
      .thenDecided();
    expect(event.data.expiresAt).toBe(at(5).toISOString());
  });

  it('refuses a changed price (409 price.changed with the breakdown) and a departed trip', () => {
    const error = creating
      .given()
      .when({ ...create, expectedTotal: 1 })
      .thenThrows('price.changed');
    expect(error.kind).toBe('conflict');
    expect(error.extensions.priceBreakdown).toEqual(price);
    expect(
      creating
        .given()
        .when({ ...create, expectedTotal: 495_000 })
        .thenDecided().events,
    ).toHaveLength(1);
    creating.given().when(create, { now: create.departureAt }).thenThrows('trip.departed');
  });
});

describe('confirmBooking', () => {
  it('confirms a pending booking within its window; the payment is completed', () => {
    const { state: booking } = confirming
      .given(...created())
      .when(pay, { now: at(1) })
      .thenDecided();
    expect(booking).toMatchObject({ status: 'confirmed', paymentStatus: 'completed' });
    expect(booking.payment).toMatchObject({ reference: 'PAY-1', amount: price.total });
  });

  it('is idempotent for the same payment reference, refuses another', () => {
    const paid = confirming.given(...created(), ...confirmed());
    paid.when(pay, { now: at(2) }).thenNothingHappened();
    paid
      .when({ ...pay, paymentReference: 'PAY-2' }, { now: at(2) })
      .thenThrows('booking.already_confirmed');
  });

  it('refuses once the window has closed, expired or cancelled', () => {
    confirming
      .given(...created())
      .when(pay, { now: at(15) })
      .thenThrows('booking.expired');
    const expired = expiring
      .given(...created())
      .when({ bookingId: 'b-1' }, { now: at(15) })
      .thenDecided().events;
    confirming
      .given(...created(), ...expired)
      .when(pay, { now: at(16) })
      .thenThrows('booking.expired');
    const error = confirming
      .given(...created(), ...cancelled(1, created()))
      .when(pay, { now: at(2) })
      .thenThrows('booking.not_confirmable');
    expect(error.extensions.currentStatus).toBe('cancelled');
  });
});

describe('cancelForCancelledTrip', () => {
  const tripCancelling = deciderSpec({
    decide: cancelForCancelledTrip,
    ...bookingStream,
    context,
  });
  const ofTrip = { bookingId: 'b-1' };

  it('refunds a paid booking in full, whatever the time and whoever boarded', () => {
    const boarded: BookingEvent = {
      type: 'PassengerBoarded',
      data: { bookingId: 'b-1', seatNumber: 'A1', boardedAt: at(72 * HOURS - 20).toISOString() },
    };
    const { events } = tripCancelling
      .given(...created(), ...confirmed(), boarded)
      .when(ofTrip, { now: at(72 * HOURS - 10) })
      .thenDecided();
    expect(events[0].data).toMatchObject({
      reason: 'trip_cancelled',
      cancelledBy: 'system',
      refund: { amount: { amount: 495_000 }, percent: 100 },
      paymentStatus: 'refunded',
    });
  });

  it('cancels a pending booking with nothing to refund', () => {
    const { events } = tripCancelling
      .given(...created())
      .when(ofTrip)
      .thenDecided();
    expect(events[0].data.refund).toEqual({ amount: { amount: 0, currency: 'VND' }, percent: 0 });
  });

  it('leaves a booking that has ended as it is: the saga may run again', () => {
    tripCancelling
      .given(...created(), ...cancelled(2, created()))
      .when(ofTrip)
      .thenNothingHappened();
    const paid = [...created(), ...confirmed()];
    tripCancelling
      .given(...paid, ...completed(80 * HOURS, paid))
      .when(ofTrip)
      .thenNothingHappened();
  });
});

describe('rescheduleForDelayedTrip', () => {
  const rescheduling = deciderSpec({
    decide: rescheduleForDelayedTrip,
    ...bookingStream,
    context: { ...context, paymentWindowSeconds: 900 },
  });
  const delay = (minutes: number, freeUntil?: Date): RescheduleForDelayedTrip => ({
    bookingId: 'b-1',
    departureAt: at(72 * HOURS + minutes).toISOString(),
    arrivalAt: at(78 * HOURS + minutes).toISOString(),
    scheduledDepartureAt: at(72 * HOURS).toISOString(),
    delayMinutes: minutes,
    reason: 'Flooding',
    ...(freeUntil ? { freeCancellationUntil: freeUntil.toISOString() } : {}),
  });
  const paid = () => [...created(), ...confirmed()];

  it('moves the times; refund tiers then count from the new departure', () => {
    // 3 h before the old departure: 50 %. After a 24 h delay, 27 h before: 90 %.
    const moved = rescheduling
      .given(...paid())
      .when(delay(24 * HOURS), { now: at(69 * HOURS) })
      .thenDecided().events;
    expect(moved[0].data).toMatchObject({
      departureAt: at(96 * HOURS).toISOString(),
      arrivalAt: at(102 * HOURS).toISOString(),
      previousDepartureAt: at(72 * HOURS).toISOString(),
    });
    const { events } = cancelling
      .given(...paid(), ...moved)
      .when(byOwner, { now: at(69 * HOURS) })
      .thenDecided();
    expect(events[0].data.refund.percent).toBe(90);
  });

  it('refunds in full while a long delay’s free cancellation lasts, by the tiers after it', () => {
    const moved = rescheduling
      .given(...paid())
      .when(delay(90, at(70 * HOURS)), { now: at(69 * HOURS) })
      .thenDecided().events;
    const cancelAt = (minutes: number) =>
      cancelling
        .given(...paid(), ...moved)
        .when(byOwner, { now: at(minutes) })
        .thenDecided().events[0].data.refund.percent;
    expect(cancelAt(70 * HOURS - 1)).toBe(100);
    expect(cancelAt(70 * HOURS)).toBe(50);
  });

  it('keeps a free cancellation an earlier delay offered', () => {
    const first = rescheduling
      .given(...paid())
      .when(delay(90, at(80 * HOURS)))
      .thenDecided().events;
    const second = rescheduling
      .given(...paid(), ...first)
      .when(delay(120, at(75 * HOURS)))
      .thenDecided().events;
    expect(second[0].data.freeCancellationUntil).toBe(at(80 * HOURS).toISOString());
  });

  it('lets a pending booking’s window, capped by departure, reach as far as it would have', () => {
    const late = { ...create, departureAt: at(5), arrivalAt: at(65) };
    const history = created(late);
    expect(history[0].data).toMatchObject({ expiresAt: at(5).toISOString() });
    const { events } = rescheduling
      .given(...history)
      .when(
        { ...delay(0), departureAt: at(60).toISOString(), arrivalAt: at(120).toISOString() },
        {
          now: at(1),
        },
      )
      .thenDecided();
    expect(events[0].data.expiresAt).toBe(at(15).toISOString());
  });

  it('changes nothing when the booking has the new times already or has ended', () => {
    const moved = rescheduling
      .given(...paid())
      .when(delay(90))
      .thenDecided().events;
    rescheduling
      .given(...paid(), ...moved)
      .when(delay(90))
      .thenNothingHappened();
    rescheduling
      .given(...created(), ...cancelled(2, created()))
      .when(delay(90))
      .thenNothingHappened();
  });
});

describe('cancelBooking', () => {
  it('refuses once a passenger has boarded: no refund, no seat resold', () => {
    const boarded: BookingEvent = {
      type: 'PassengerBoarded',
      data: { bookingId: 'b-1', seatNumber: 'A1', boardedAt: at(72 * HOURS - 20).toISOString() },
    };
    cancelling
      .given(...created(), ...confirmed(), boarded)
      .when(byOwner, { now: at(72 * HOURS - 10) })
      .thenThrows('booking.boarded');
  });

  it('cancels a pending booking without refund', () => {
    const {
      events: [event],
    } = cancelling
      .given(...created())
      .when(byOwner, { now: at(1) })
      .thenDecided();
    expect(event.data).toMatchObject({
      reason: 'changed plans',
      refund: { amount: { amount: 0, currency: 'VND' }, percent: 0 },
      paymentStatus: 'pending',
      seatNumbers: ['A1'],
    });
  });

  it('refunds a confirmed booking by the time left: ≥ 24 h 90 %, ≥ 2 h 50 %, later 0 %', () => {
    const paid = cancelling.given(...created(), ...confirmed());
    const departure = 72 * HOURS;
    const refundAt = (minutesBefore: number) =>
      paid.when(byOwner, { now: at(departure - minutesBefore) }).thenDecided().events[0].data;
    expect(refundAt(24 * HOURS)).toMatchObject({
      refund: { amount: { amount: 445_500 }, percent: 90 },
      paymentStatus: 'refunded',
    });
    expect(refundAt(24 * HOURS - 1).refund).toMatchObject({
      amount: { amount: 247_500 },
      percent: 50,
    });
    expect(refundAt(2 * HOURS).refund.percent).toBe(50);
    expect(refundAt(2 * HOURS - 1)).toMatchObject({
      refund: { amount: { amount: 0 }, percent: 0 },
      paymentStatus: 'completed',
    });
    paid.when(byOwner, { now: at(departure) }).thenThrows('booking.departed');
  });

  it('refuses to cancel twice or a completed booking, naming the current status', () => {
    const error = cancelling
      .given(...created(), ...cancelled(1, created()))
      .when(byOwner, { now: at(2) })
      .thenThrows('booking.not_cancellable');
    expect(error.extensions).toEqual({ currentStatus: 'cancelled' });
    const paid = [...created(), ...confirmed()];
    cancelling
      .given(...paid, ...completed(78 * HOURS, paid))
      .when(byOwner, { now: at(79 * HOURS) })
      .thenThrows('booking.not_cancellable');
  });
});

describe('cancelPassenger', () => {
  const family = priceSeats(
    [
      { seatNumber: 'A1', passengerType: 'adult', fare: { amount: 450_000, currency: 'VND' } },
      { seatNumber: 'A2', passengerType: 'child', fare: { amount: 450_000, currency: 'VND' } },
    ],
    policy,
  );
  const two = created({
    ...create,
    seatNumbers: ['A1', 'A2'],
    passengers: [
      { ...passenger('A1'), passengerId: 'p-1' },
      { ...passenger('A2'), passengerId: 'p-2', passengerType: 'child' },
    ],
    price: family,
  });
  const passengerCancelling = deciderSpec({
    decide: cancelPassenger,
    ...bookingStream,
    context: { ...context, refundPolicy },
  });
  const leave = (passengerId: string) => ({
    bookingId: 'b-1',
    passengerId,
    reason: 'sick',
    cancelledBy: 'owner' as const,
  });

  it('refunds a paid passenger’s line (discount and VAT included) by the tier', () => {
    // A2: 450,000 − 25 % = 337,500 + 10 % VAT = 371,250; 90 % = 334,125.
    const { events, state } = passengerCancelling
      .given(...two, ...confirmed(1, two))
      .when(leave('p-2'), { now: at(2) })
      .thenDecided();
    expect(events[0]).toMatchObject({
      type: 'PassengerCancelled',
      data: {
        seatNumber: 'A2',
        refund: { amount: { amount: 334_125 }, percent: 90 },
        price: { total: { amount: 495_000 } },
        paymentStatus: 'partially_refunded',
      },
    });
    expect(state).toMatchObject({
      status: 'confirmed',
      seatNumbers: ['A1'],
      passengers: [{ passengerId: 'p-1' }],
      passengerCancellations: [{ passengerId: 'p-2', seatNumber: 'A2' }],
    });
    // The whole cancellation then refunds what is left: 90 % of 495,000.
    const after = [...two, ...confirmed(1, two), ...events];
    expect(cancelled(3, after)[0].data).toMatchObject({
      refund: { amount: { amount: 445_500 } },
      paymentStatus: 'refunded',
    });
  });

  it('reprices a pending booking, and the last passenger cancels the booking', () => {
    const { events, state } = passengerCancelling
      .given(...two)
      .when(leave('p-1'), { now: at(2) })
      .thenDecided();
    expect(events[0].data).toMatchObject({
      refund: { amount: { amount: 0 }, percent: 0 },
      price: { total: { amount: 371_250 } },
      paymentStatus: 'pending',
    });
    passengerCancelling
      .given(...two, ...events)
      .when(leave('p-2'), { now: at(3) })
      .then({
        type: 'BookingCancelled',
        data: {
          bookingId: 'b-1',
          reason: 'sick',
          cancelledBy: 'owner',
          refund: { amount: { amount: 0, currency: 'VND' }, percent: 0 },
          paymentStatus: 'pending',
          seatNumbers: ['A2'],
          cancelledAt: at(3).toISOString(),
        },
      });
    expect(state!.price.lines.map((l) => l.seatNumber)).toEqual(['A2']);
  });

  it('refuses an unknown or boarded passenger, and a booking no longer live', () => {
    passengerCancelling
      .given(...two)
      .when(leave('p-9'))
      .thenThrows('booking.passenger_not_found');
    const boarded: BookingEvent = {
      type: 'PassengerBoarded',
      data: { bookingId: 'b-1', seatNumber: 'A2', boardedAt: at(72 * HOURS - 20).toISOString() },
    };
    passengerCancelling
      .given(...two, ...confirmed(1, two), boarded)
      .when(leave('p-2'), { now: at(72 * HOURS - 10) })
      .thenThrows('booking.boarded');
    passengerCancelling
      .given(...two, ...cancelled(1, two))
      .when(leave('p-1'), { now: at(2) })
      .thenThrows('booking.not_cancellable');
  });

  it('gives passengers recorded without an id a UUID from the booking and their seat', () => {
    const legacy = created();
    const state = legacy.reduce<Booking | null>(evolve, null)!;
    expect(state.passengers[0].passengerId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // the same booking and seat, the same id, whenever folded
    expect(created().reduce<Booking | null>(evolve, null)!.passengers[0].passengerId).toBe(
      state.passengers[0].passengerId,
    );
  });
});

describe('expireBooking and completeBooking', () => {
  it('expires a pending booking only once its window has closed', () => {
    const pending = expiring.given(...created());
    pending.when({ bookingId: 'b-1' }, { now: at(14.9) }).thenNothingHappened();
    const {
      events: [event],
    } = pending.when({ bookingId: 'b-1' }, { now: at(15) }).thenDecided();
    expect(event.data).toMatchObject({ reason: 'expired', cancelledBy: 'system' });
    expiring
      .given(...created(), ...confirmed())
      .when({ bookingId: 'b-1' }, { now: at(60) })
      .thenNothingHappened();
  });

  it('completes a confirmed booking after arrival, nothing else', () => {
    const paid = completing.given(...created(), ...confirmed());
    paid.when({ bookingId: 'b-1' }, { now: at(78 * HOURS - 1) }).thenNothingHappened();
    expect(
      paid.when({ bookingId: 'b-1' }, { now: at(78 * HOURS) }).thenDecided().state.status,
    ).toBe('completed');
    completing
      .given(...created())
      .when({ bookingId: 'b-1' }, { now: at(80 * HOURS) })
      .thenNothingHappened();
  });
});

describe('modifyBooking', () => {
  const spec = deciderSpec({ decide: modifyBooking, ...bookingStream, context });
  const change: ModifyBooking = {
    bookingId: 'b-1',
    seatNumbers: ['A2'],
    passengers: [passenger('A2')],
    price,
  };

  it('changes seats and passengers while pending, naming seats added and released', () => {
    const {
      events: [event],
    } = spec
      .given(...created())
      .when(change, { now: at(5) })
      .thenDecided();
    expect(event.data).toMatchObject({ addedSeats: ['A2'], releasedSeats: ['A1'] });
  });

  it('refuses after confirmation or once the window has closed', () => {
    const error = spec
      .given(...created(), ...confirmed())
      .when(change, { now: at(5) })
      .thenThrows('booking.not_modifiable');
    expect(error.extensions.currentStatus).toBe('confirmed');
    spec
      .given(...created())
      .when(change, { now: at(15) })
      .thenThrows('booking.not_modifiable');
  });
});

describe('boardPassenger', () => {
  const boardingWindow = { minutesBefore: 60, minutesAfter: 30 };
  const spec = deciderSpec({
    decide: boardPassenger,
    ...bookingStream,
    context: { ...context, boardingWindow },
  });
  const board = (seatNumber: string) => ({ bookingId: 'b-1', seatNumber });
  const departure = 72 * HOURS;

  it('boards each seat of a confirmed booking once', () => {
    const paid = spec.given(...created(), ...confirmed());
    const { events } = paid.when(board('A1'), { now: at(departure - 20) }).then({
      type: 'PassengerBoarded',
      data: { bookingId: 'b-1', seatNumber: 'A1', boardedAt: at(departure - 20).toISOString() },
    });
    spec
      .given(...created(), ...confirmed(), ...events)
      .when(board('A1'), { now: at(departure - 19) })
      .thenThrows('ticket.already_boarded');
    paid.when(board('B9'), { now: at(departure - 20) }).thenThrows('ticket.not_valid');
    spec
      .given(...created())
      .when(board('A1'), { now: at(5) })
      .thenThrows('ticket.not_valid');
  });

  it('boards only inside the window around departure', () => {
    const paid = spec.given(...created(), ...confirmed());
    const early = paid.when(board('A1'), { now: at(departure - 61) });
    const error = early.thenThrows('ticket.outside_boarding_window');
    expect(error.extensions).toEqual({
      opensAt: at(departure - 60).toISOString(),
      closesAt: at(departure + 30).toISOString(),
    });
    paid.when(board('A1'), { now: at(departure - 60) }).thenDecided();
    paid.when(board('A1'), { now: at(departure + 30) }).thenDecided();
    paid
      .when(board('A1'), { now: at(departure + 31) })
      .thenThrows('ticket.outside_boarding_window');
  });
});

describe('claimBooking', () => {
  const asGuest = () => created({ ...create, owner: { kind: 'guest', id: 'g-1' } });
  const claim = (userId: string) => ({ bookingId: 'b-1', userId });
  const claimedBy = (userId: string, history: BookingEvent[]) =>
    claiming
      .given(...history)
      .when(claim(userId), { now: at(1) })
      .thenDecided().events;

  it('moves a guest booking, of any status, to the user; it stays a guest-checkout booking', () => {
    const { state: claimed } = claiming
      .given(...asGuest(), ...confirmed(1, asGuest()))
      .when(claim('u-9'), { now: at(30) })
      .then({
        type: 'BookingClaimed',
        data: {
          bookingId: 'b-1',
          owner: { kind: 'user', id: 'u-9' },
          previousOwner: { kind: 'guest', id: 'g-1' },
          claimedAt: at(30).toISOString(),
        },
      });
    expect(claimed.owner).toEqual({ kind: 'user', id: 'u-9' });
    expect(madeAsGuest(claimed)).toBe(true);
    const cancelledAsGuest = cancelled(2, asGuest(), { ...byOwner, reason: 'x' });
    expect(
      claiming
        .given(...asGuest(), ...cancelledAsGuest)
        .when(claim('u-9'), { now: at(3) })
        .thenDecided().events,
    ).toHaveLength(1);
  });

  it('changes nothing when claimed again by the same user', () => {
    claiming
      .given(...asGuest(), ...claimedBy('u-9', asGuest()))
      .when(claim('u-9'), { now: at(2) })
      .thenNothingHappened();
  });

  it("refuses another account's booking, claimed or booked by it", () => {
    claiming
      .given(...asGuest(), ...claimedBy('u-9', asGuest()))
      .when(claim('u-2'), { now: at(2) })
      .thenThrows('booking.already_claimed');
    claiming
      .given(...created())
      .when(claim('u-2'), { now: at(2) })
      .thenThrows('booking.already_claimed');
    expect(madeAsGuest(claiming.given(...created()).state)).toBe(false);
  });
});

describe('grantGuestAccess', () => {
  const spec = deciderSpec({ decide: grantGuestAccess, ...bookingStream, context });
  const tokenExpiresAt = at(24 * HOURS).toISOString();

  it('records which contact the guest proved, how, and until when their token lasts', () => {
    spec
      .given(...created({ ...create, owner: { kind: 'guest', id: 'g-1' } }))
      .when(
        { bookingId: 'b-1', contact: 'phone', viaCode: true, expiresAt: tokenExpiresAt },
        { now: at(10) },
      )
      .then({
        type: 'GuestAccessGranted',
        data: {
          bookingId: 'b-1',
          contact: 'phone',
          viaCode: true,
          expiresAt: tokenExpiresAt,
          grantedAt: at(10).toISOString(),
        },
      });
  });

  it('records every grant, whatever the booking has become since; the booking stays as it was', () => {
    const history = [...created(), ...cancelled(1, created())];
    const before = spec.given(...history).state;
    const { state: after } = spec
      .given(...history)
      .when({ bookingId: 'b-1', contact: 'email', viaCode: false, expiresAt: tokenExpiresAt })
      .then({
        type: 'GuestAccessGranted',
        data: {
          bookingId: 'b-1',
          contact: 'email',
          viaCode: false,
          expiresAt: tokenExpiresAt,
          grantedAt: T0.toISOString(),
        },
      });
    expect(after).toEqual({ ...before, version: before.version + 1 });
  });
});

describe('recordTicketEmail', () => {
  const spec = deciderSpec({ decide: recordTicketEmail, ...bookingStream, context });

  it('records a delivered e-ticket with its recipients and message id', () => {
    spec
      .given(...created(), ...confirmed())
      .when({
        bookingId: 'b-1',
        outcome: { sent: true, recipients: ['a@example.com'], messageId: '<m-1>', attempt: 1 },
      })
      .then({
        type: 'TicketEmailed',
        data: { bookingId: 'b-1', recipients: ['a@example.com'], messageId: '<m-1>', attempt: 1 },
      });
  });

  it('records a failed attempt, and whether it will be retried', () => {
    const paid = spec.given(...created(), ...confirmed());
    paid
      .when({
        bookingId: 'b-1',
        outcome: { sent: false, reason: 'smtp 451', attempt: 2, willRetry: true },
      })
      .then({
        type: 'TicketEmailFailed',
        data: { bookingId: 'b-1', reason: 'smtp 451', attempt: 2, willRetry: true },
      });
    paid
      .when({
        bookingId: 'b-1',
        outcome: { sent: false, reason: 'mailbox unknown', attempt: 5, willRetry: false },
      })
      .then({
        type: 'TicketEmailFailed',
        data: { bookingId: 'b-1', reason: 'mailbox unknown', attempt: 5, willRetry: false },
      });
  });

  it('records the attempt whatever the booking has become since (a fact, not a decision)', () => {
    const paid = [...created(), ...confirmed()];
    const { state } = spec
      .given(...paid, ...cancelled(2, paid))
      .when({
        bookingId: 'b-1',
        outcome: { sent: true, recipients: ['a@example.com'], messageId: '<m-2>', attempt: 3 },
      })
      .thenDecided();
    expect(state.status).toBe('cancelled');
  });
});

describe('the e-ticket mail a confirmation owes', () => {
  const fold = (events: BookingEvent[]) => events.reduce<Booking | null>(evolve, null)!;
  const history = [...created(), ...confirmed()];
  const failed = (attempt: number, willRetry: boolean): BookingEvent => ({
    type: 'TicketEmailFailed',
    data: { bookingId: 'b-1', reason: 'connection refused', attempt, willRetry },
  });
  const emailed: BookingEvent = {
    type: 'TicketEmailed',
    data: { bookingId: 'b-1', recipients: ['a***@example.com'], messageId: 'm-1', attempt: 2 },
  };

  it('is owed from the confirmation until it is sent, through failures that will be retried', () => {
    expect(fold(created()).ticketMail).toBeUndefined();
    expect(fold(history).ticketMail).toBe('pending');
    expect(fold([...history, failed(1, true)]).ticketMail).toBe('pending');
    expect(fold([...history, failed(1, true), emailed]).ticketMail).toBe('sent');
  });

  it('is given up when its last attempt fails; a failed resend later owes nothing', () => {
    expect(fold([...history, failed(6, false)]).ticketMail).toBe('failed');
    expect(fold([...history, emailed, failed(1, false)]).ticketMail).toBe('sent');
  });
});
