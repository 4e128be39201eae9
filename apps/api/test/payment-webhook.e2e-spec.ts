import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { webhookSignature } from '../src/payments/webhook-signature';

/**
 * Issue 17, hole 2: the owner confirmed with any paymentReference and got a valid boarding QR.
 * With a real provider (PAYMENT_PROVIDER=webhook) only its signed callback confirms.
 */
describe('Payments through the provider’s signed webhook', () => {
  let server: TestServer;
  let user: string;
  let admin: string;
  let tripId: string;
  beforeAll(async () => {
    server = await startTestServer({
      PAYMENT_PROVIDER: 'webhook',
      PAYMENT_CHECKOUT_URL:
        'https://pay.example/checkout?order={reference}&amount={amount}&ccy={currency}',
    });
    user = await tokenFor(server.config, ['user']);
    admin = await tokenFor(server.config, ['admin']);
    tripId = await createTrip(server.baseUrl, admin, 12);
  });
  afterAll(() => server?.close());

  let seat = 0;
  const book = async () => {
    seat++;
    const booked = await lockAndBook(server.baseUrl, user, tripId, [`S${seat}`]);
    expect(booked.status).toBe(201);
    return booked.body as {
      bookingId: string;
      priceBreakdown: { total: { amount: number; currency: string } };
    };
  };
  const deliver = async (
    payload: unknown,
    { secret = server.config.payments.webhookSecret, age = 0, id = crypto.randomUUID() } = {},
  ) => {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000) - age);
    const response = await fetch(`${server.baseUrl}/payments/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${webhookSignature(secret, id, timestamp, body)}`,
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const succeeded = (
    bookingId: string,
    amount: unknown,
    providerReference = `pi_${bookingId}`,
  ) => ({
    type: 'payment.succeeded',
    data: { bookingId, providerReference, method: 'card', amount },
  });

  it('answers the traveller’s confirm with the provider’s checkout: the provider confirms', async () => {
    const { bookingId, priceBreakdown } = await book();
    const confirm = await confirmBooking(server.baseUrl, user, bookingId, 'made-up');
    expect([confirm.status, confirm.body.code]).toEqual([422, 'payment.provider_required']);
    const { amount, currency } = priceBreakdown.total;
    expect(confirm.body.payment).toMatchObject({
      provider: 'webhook',
      bookingId,
      next: 'provider',
      amount: { amount, currency },
      checkoutUrl: expect.stringMatching(
        new RegExp(
          `^https://pay\\.example/checkout\\?order=BUS\\w+&amount=${amount}&ccy=${currency}$`,
        ),
      ),
    });
    const payment = await http(server.baseUrl, 'GET', `/bookings/${bookingId}/payment`, {
      token: user,
    });
    expect(payment.body).toEqual(confirm.body.payment);
    const stranger = await tokenFor(server.config, ['user']);
    const notYours = await http(server.baseUrl, 'GET', `/bookings/${bookingId}/payment`, {
      token: stranger,
    });
    expect(notYours.status).toBe(404);
    const read = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user });
    expect(read.body.status).toBe('pending');
  });

  it('confirms on a signed delivery of the exact total, once however often it comes', async () => {
    const { bookingId, priceBreakdown } = await book();
    const total = priceBreakdown.total;

    const forged = await deliver(succeeded(bookingId, total), { secret: 'x'.repeat(40) });
    expect([forged.status, forged.body.code]).toEqual([401, 'payment.invalid_signature']);
    const stale = await deliver(succeeded(bookingId, total), { age: 600 });
    expect(stale.status).toBe(401);
    const short = await deliver(succeeded(bookingId, { ...total, amount: total.amount - 1 }));
    expect([short.status, short.body.code]).toEqual([422, 'payment.amount_mismatch']);
    const otherCurrency = await deliver(succeeded(bookingId, { ...total, currency: 'USD' }));
    expect(otherCurrency.body.code).toBe('payment.amount_mismatch');

    const paid = await deliver(succeeded(bookingId, total));
    expect([paid.status, paid.body]).toEqual([200, { received: true, bookingStatus: 'confirmed' }]);
    const again = await deliver(succeeded(bookingId, total)); // at least once: a repeat
    expect([again.status, again.body.bookingStatus]).toEqual([200, 'confirmed']);
    const another = await deliver(succeeded(bookingId, total, 'pi_other'));
    expect([another.status, another.body.code]).toEqual([409, 'booking.already_confirmed']);

    const read = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user });
    expect(read.body.payment).toMatchObject({ reference: `pi_${bookingId}`, amount: total });
    const history = await http(server.baseUrl, 'GET', `/bookings/${bookingId}/history`, {
      token: user,
    });
    const types = (history.body.entries ?? history.body.items ?? history.body) as {
      type: string;
    }[];
    expect(types.filter((entry) => entry.type === 'BookingConfirmed')).toHaveLength(1);
  });

  it('takes a dearer seat’s difference through the provider: its signed webhook moves the passenger', async () => {
    // A trip of its own: S1–S4 are limousine seats, S5–S8 standard.
    const ownTrip = await createTrip(server.baseUrl, admin, 8);
    const booked = await lockAndBook(server.baseUrl, user, ownTrip, ['S6']);
    const { bookingId, priceBreakdown } = booked.body;
    expect((await deliver(succeeded(bookingId, priceBreakdown.total))).body.bookingStatus).toBe(
      'confirmed',
    );
    const passengerId = booked.body.passengers[0].passengerId;
    const change = await http(server.baseUrl, 'POST', `/bookings/${bookingId}/seat-changes`, {
      token: user,
      body: { passengerId, toSeatNumber: 'S1' },
    });
    expect(change.body).toMatchObject({ status: 'awaiting_payment' });
    const { changeId, amountDue } = change.body;
    expect(change.body.payment).toEqual({
      provider: 'webhook',
      next: 'provider',
      checkoutUrl: expect.stringMatching(
        new RegExp(
          `^https://pay\\.example/checkout\\?order=BUS\\w+&amount=${amountDue.amount}&ccy=`,
        ),
      ),
    });
    // The traveller cannot declare it paid; a delivery of the wrong amount changes nothing.
    const declared = await http(
      server.baseUrl,
      'POST',
      `/bookings/${bookingId}/seat-changes/${changeId}/confirm`,
      { token: user, body: { paymentReference: 'made-up', paymentMethod: 'card' } },
    );
    expect(declared.body.code).toBe('payment.provider_required');
    const paidFor = (amount: unknown) => ({
      type: 'payment.succeeded',
      data: {
        bookingId,
        seatChangeId: changeId,
        providerReference: `pi_${changeId}`,
        method: 'card',
        amount,
      },
    });
    const short = await deliver(paidFor({ ...amountDue, amount: amountDue.amount - 1 }));
    expect([short.status, short.body.code]).toEqual([422, 'payment.amount_mismatch']);
    const seatOf = async () =>
      (await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user })).body
        .passengers[0].seatNumber;
    expect(await seatOf()).toBe('S6');

    const paid = await deliver(paidFor(amountDue));
    expect([paid.status, paid.body]).toEqual([
      200,
      { received: true, bookingStatus: 'confirmed', seatChangeStatus: 'changed' },
    ]);
    expect(await seatOf()).toBe('S1');
    const again = await deliver(paidFor(amountDue)); // at least once: a repeat changes nothing
    expect([again.status, again.body.seatChangeStatus]).toEqual([200, 'changed']);
  });

  it('lets an admin record a payment taken at the counter', async () => {
    const { bookingId } = await book();
    const confirm = await http(server.baseUrl, 'POST', `/bookings/${bookingId}/confirm`, {
      token: admin,
      body: { paymentReference: 'COUNTER-1', paymentMethod: 'cash' },
    });
    expect([confirm.status, confirm.body.status]).toEqual([200, 'confirmed']);
  });
});
