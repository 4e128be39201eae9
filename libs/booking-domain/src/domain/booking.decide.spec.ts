import { thenThrows } from '../../../../test/utils/domain-errors';
import {
  boardPassenger,
  cancelBooking,
  claimBooking,
  completeBooking,
  confirmBooking,
  createBooking,
  CreateBooking,
  expireBooking,
  modifyBooking,
} from './booking.decide';
import { BookingEvent, PassengerRecord } from './booking.events';
import { Booking, evolve, madeAsGuest } from './booking.state';
import { priceSeats } from './pricing';

const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const HOURS = 60;
const refunds = {
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

const given = (...events: BookingEvent[]): Booking =>
  events.reduce<Booking | null>(evolve, null) as Booking;
const created = () => createBooking(null, create, 900, T0);
const confirmed = (minutes = 1) =>
  confirmBooking(
    given(...created()),
    { paymentReference: 'PAY-1', paymentMethod: 'card' },
    at(minutes),
  );

describe('createBooking', () => {
  it('creates a pending booking payable for the payment window', () => {
    const [event] = created();
    expect(event.type).toBe('BookingCreated');
    expect(event.data.expiresAt).toBe(at(15).toISOString());
    const booking = given(event);
    expect(booking).toMatchObject({ status: 'pending', paymentStatus: 'pending', version: 1 });
  });

  it('never lets the payment window run past departure', () => {
    const [event] = createBooking(null, { ...create, departureAt: at(5) }, 900, T0);
    expect(event.data.expiresAt).toBe(at(5).toISOString());
  });

  it('refuses a changed price (409 price.changed with the breakdown) and a departed trip', () => {
    const error = thenThrows(
      () => createBooking(null, { ...create, expectedTotal: 1 }, 900, T0),
      'price.changed',
    );
    expect(error.kind).toBe('conflict');
    expect(error.extensions.priceBreakdown).toEqual(price);
    expect(createBooking(null, { ...create, expectedTotal: 495_000 }, 900, T0)).toHaveLength(1);
    thenThrows(() => createBooking(null, create, 900, create.departureAt), 'trip.departed');
  });
});

describe('confirmBooking', () => {
  it('confirms a pending booking within its window; the payment is completed', () => {
    const booking = given(...created(), ...confirmed());
    expect(booking).toMatchObject({ status: 'confirmed', paymentStatus: 'completed' });
    expect(booking.payment).toMatchObject({ reference: 'PAY-1', amount: price.total });
  });

  it('is idempotent for the same payment reference, refuses another', () => {
    const booking = given(...created(), ...confirmed());
    expect(
      confirmBooking(booking, { paymentReference: 'PAY-1', paymentMethod: 'card' }, at(2)),
    ).toEqual([]);
    thenThrows(
      () => confirmBooking(booking, { paymentReference: 'PAY-2', paymentMethod: 'card' }, at(2)),
      'booking.already_confirmed',
    );
  });

  it('refuses once the window has closed, expired or cancelled', () => {
    const pending = given(...created());
    const pay = { paymentReference: 'PAY-1', paymentMethod: 'card' };
    thenThrows(() => confirmBooking(pending, pay, at(15)), 'booking.expired');
    const expired = given(...created(), ...expireBooking(pending, at(15)));
    thenThrows(() => confirmBooking(expired, pay, at(16)), 'booking.expired');
    const cancelled = given(
      ...created(),
      ...cancelBooking(pending, { reason: 'changed plans', cancelledBy: 'owner' }, refunds, at(1)),
    );
    const error = thenThrows(
      () => confirmBooking(cancelled, pay, at(2)),
      'booking.not_confirmable',
    );
    expect(error.extensions.currentStatus).toBe('cancelled');
  });
});

describe('cancelBooking', () => {
  const cancel = (booking: Booking, minutes: number) =>
    cancelBooking(booking, { reason: 'changed plans', cancelledBy: 'owner' }, refunds, at(minutes));

  it('cancels a pending booking without refund', () => {
    const [event] = cancel(given(...created()), 1);
    expect(event.data).toMatchObject({
      reason: 'changed plans',
      refund: { amount: { amount: 0, currency: 'VND' }, percent: 0 },
      paymentStatus: 'pending',
      seatNumbers: ['A1'],
    });
  });

  it('refunds a confirmed booking by the time left: ≥ 24 h 90 %, ≥ 2 h 50 %, later 0 %', () => {
    const booking = given(...created(), ...confirmed());
    const departure = 72 * HOURS;
    const refundAt = (minutesBefore: number) => cancel(booking, departure - minutesBefore)[0].data;
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
    thenThrows(() => cancel(booking, departure), 'booking.departed');
  });

  it('refuses to cancel twice or a completed booking, naming the current status', () => {
    const cancelled = given(...created(), ...cancel(given(...created()), 1));
    expect(thenThrows(() => cancel(cancelled, 2), 'booking.not_cancellable').extensions).toEqual({
      currentStatus: 'cancelled',
    });
    const confirmedBooking = given(...created(), ...confirmed());
    const completed = given(
      ...created(),
      ...confirmed(),
      ...completeBooking(confirmedBooking, at(78 * HOURS)),
    );
    thenThrows(() => cancel(completed, 79 * HOURS), 'booking.not_cancellable');
  });
});

describe('expireBooking and completeBooking', () => {
  it('expires a pending booking only once its window has closed', () => {
    const pending = given(...created());
    expect(expireBooking(pending, at(14.9))).toEqual([]);
    const [event] = expireBooking(pending, at(15));
    expect(event.data).toMatchObject({ reason: 'expired', cancelledBy: 'system' });
    expect(expireBooking(given(...created(), ...confirmed()), at(60))).toEqual([]);
  });

  it('completes a confirmed booking after arrival, nothing else', () => {
    const booking = given(...created(), ...confirmed());
    expect(completeBooking(booking, at(78 * HOURS - 1))).toEqual([]);
    expect(
      given(...created(), ...confirmed(), ...completeBooking(booking, at(78 * HOURS))).status,
    ).toBe('completed');
    expect(completeBooking(given(...created()), at(80 * HOURS))).toEqual([]);
  });
});

describe('modifyBooking', () => {
  it('changes seats and passengers while pending, naming seats added and released', () => {
    const [event] = modifyBooking(
      given(...created()),
      { seatNumbers: ['A2'], passengers: [passenger('A2')], price },
      at(5),
    );
    expect(event.data).toMatchObject({ addedSeats: ['A2'], releasedSeats: ['A1'] });
  });

  it('refuses after confirmation or once the window has closed', () => {
    const change = { seatNumbers: ['A2'], passengers: [passenger('A2')], price };
    const error = thenThrows(
      () => modifyBooking(given(...created(), ...confirmed()), change, at(5)),
      'booking.not_modifiable',
    );
    expect(error.extensions.currentStatus).toBe('confirmed');
    thenThrows(() => modifyBooking(given(...created()), change, at(15)), 'booking.not_modifiable');
  });
});

describe('boardPassenger', () => {
  it('boards each seat of a confirmed booking once', () => {
    const booking = given(...created(), ...confirmed());
    const [event] = boardPassenger(booking, 'A1', at(60));
    expect(event.data).toEqual({
      bookingId: 'b-1',
      seatNumber: 'A1',
      boardedAt: at(60).toISOString(),
    });
    thenThrows(
      () => boardPassenger(given(...created(), ...confirmed(), event), 'A1', at(61)),
      'ticket.already_boarded',
    );
    thenThrows(() => boardPassenger(booking, 'B9', at(60)), 'ticket.not_valid');
    thenThrows(() => boardPassenger(given(...created()), 'A1', at(5)), 'ticket.not_valid');
  });
});

describe('claimBooking', () => {
  const asGuest = () =>
    createBooking(null, { ...create, owner: { kind: 'guest', id: 'g-1' } }, 900, T0);

  it('moves a guest booking, of any status, to the user; it stays a guest-checkout booking', () => {
    const guestBooking = given(...asGuest(), ...confirmed());
    const [event] = claimBooking(guestBooking, 'u-9', at(30));
    expect(event).toEqual({
      type: 'BookingClaimed',
      data: {
        bookingId: 'b-1',
        owner: { kind: 'user', id: 'u-9' },
        previousOwner: { kind: 'guest', id: 'g-1' },
        claimedAt: at(30).toISOString(),
      },
    });
    const claimed = given(...asGuest(), ...confirmed(), event);
    expect(claimed.owner).toEqual({ kind: 'user', id: 'u-9' });
    expect(madeAsGuest(claimed)).toBe(true);
    const cancelled = given(
      ...asGuest(),
      ...cancelBooking(given(...asGuest()), { reason: 'x', cancelledBy: 'owner' }, refunds, at(2)),
    );
    expect(claimBooking(cancelled, 'u-9', at(3))).toHaveLength(1);
  });

  it('changes nothing when claimed again by the same user', () => {
    const claimed = given(...asGuest(), ...claimBooking(given(...asGuest()), 'u-9', at(1)));
    expect(claimBooking(claimed, 'u-9', at(2))).toEqual([]);
  });

  it("refuses another account's booking, claimed or booked by it", () => {
    const claimed = given(...asGuest(), ...claimBooking(given(...asGuest()), 'u-9', at(1)));
    thenThrows(() => claimBooking(claimed, 'u-2', at(2)), 'booking.already_claimed');
    thenThrows(() => claimBooking(given(...created()), 'u-2', at(2)), 'booking.already_claimed');
    expect(madeAsGuest(given(...created()))).toBe(false);
  });
});
