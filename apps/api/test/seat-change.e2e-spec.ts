import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { download, readPdf } from '../../../test/utils/pdf';
import { freePort } from '../../../test/utils/ports';
import { itWithPdfTools } from '../../../test/utils/requirements';
import { TestSmtpServer } from '../../../test/utils/smtp';

const HOUR = 3600_000;

/** POST /bookings/{id}/seat-changes, its payment, and the revocation of old QR codes. */
describe('Changing a seat after payment', () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let admin: string;
  let driver: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    await smtp.start();
    server = await startTestServer(
      { SMTP_URL: smtp.url, BOOKING_RATE_LIMIT_PER_MINUTE: '1000', REDIS_URL: '' },
      { withWorker: true },
    );
    admin = await tokenFor(server.config, ['admin']);
    driver = await tokenFor(server.config, ['driver']);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  const statusOf = async (tripId: string, seats: string[]) => {
    const map = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
    return Object.fromEntries(
      seats.map((seat) => [
        seat,
        map.body.seats.find((s: { seatNumber: string }) => s.seatNumber === seat).status,
      ]),
    );
  };
  const paidBooking = async (user: string, seats: string[], departsInHours = 30) => {
    const tripId = await createTrip(server.baseUrl, admin, 12, {
      departureAt: new Date(Date.now() + departsInHours * HOUR).toISOString(),
      arrivalAt: new Date(Date.now() + (departsInHours + 6) * HOUR).toISOString(),
    });
    const email = `mover.${Date.now()}.${Math.random()}@example.com`;
    const created = await lockAndBook(server.baseUrl, user, tripId, seats, {
      contact: { email, phone: '+84912000111' },
    });
    const { bookingId } = created.body;
    const confirmed = await confirmBooking(server.baseUrl, user, bookingId);
    expect(confirmed.status).toBe(200);
    return { tripId, bookingId, email, booking: confirmed.body };
  };

  itWithPdfTools(
    'moves at once for the same fare, revokes only the old QR, lists it and mails the new ticket',
    async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const user = await tokenFor(server.config, ['user']);
      const { tripId, bookingId, email, booking } = await paidBooking(user, ['S6', 'S7']);
      const oldQr = readPdf(
        (await download(`${server.baseUrl}/bookings/${bookingId}/e-ticket`, user)).body,
      ).qrCodes;
      const mover = booking.passengers[0];

      const changed = await http(server.baseUrl, 'POST', `/bookings/${bookingId}/seat-changes`, {
        token: user,
        body: { passengerId: mover.passengerId, toSeatNumber: 'S8' },
      });
      expect(changed.status).toBe(201);
      expect(changed.body).toMatchObject({ status: 'changed', fromSeat: 'S6', toSeat: 'S8' });
      expect(changed.body.refund).toBeUndefined();
      expect(await statusOf(tripId, ['S6', 'S8'])).toEqual({ S6: 'available', S8: 'booked' });

      const checks = await Promise.all(
        oldQr.map((payload) =>
          http(server.baseUrl, 'POST', '/tickets/verify', { token: driver, body: { payload } }),
        ),
      );
      expect(
        Object.fromEntries(
          checks.map((c) => [c.body.ticket.seatNumber, c.body.valid || c.body.reason]),
        ),
      ).toEqual({ S6: 'ticket.revoked', S7: true });

      const revocations = await http(
        server.baseUrl,
        'GET',
        `/tickets/revocations?since=${encodeURIComponent(since)}&tripId=${tripId}`,
        { token: driver },
      );
      expect(revocations.status).toBe(200);
      expect(revocations.body.items).toEqual([
        expect.objectContaining({
          ticketId: `${mover.passengerId}.1`,
          bookingId,
          tripId,
          reason: 'seat_changed',
        }),
      ]);
      const forbidden = await http(server.baseUrl, 'GET', `/tickets/revocations?since=${since}`, {
        token: user,
      });
      expect([forbidden.status, forbidden.body.code]).toEqual([403, 'auth.forbidden']);

      const mail = await smtp.waitFor(
        (m) => JSON.stringify(m.to).includes(email) && /updated e-ticket/.test(m.subject ?? ''),
        20_000,
      );
      const attached = readPdf(mail.attachments[0].content);
      expect(attached.text).toContain('S8');
      const fresh = await Promise.all(
        attached.qrCodes.map((payload) =>
          http(server.baseUrl, 'POST', '/tickets/verify', { token: driver, body: { payload } }),
        ),
      );
      expect(fresh.map((c) => c.body.valid)).toEqual([true, true]);
    },
    60_000,
  );

  it('waits for a dearer seat’s difference, then moves; a cheaper one refunds it', async () => {
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId);
    const { tripId, bookingId, booking } = await paidBooking(user, ['S6']);
    const passengerId = booking.passengers[0].passengerId;
    const change = (toSeatNumber: string) =>
      http(server.baseUrl, 'POST', `/bookings/${bookingId}/seat-changes`, {
        token: user,
        body: { passengerId, toSeatNumber },
      });

    // S1 is a limousine seat: 462,000 against 330,000.
    const dearer = await change('S1');
    expect(dearer.body).toMatchObject({
      status: 'awaiting_payment',
      amountDue: { amount: 132_000, currency: 'VND' },
      expiresAt: expect.any(String),
    });
    expect(await statusOf(tripId, ['S1', 'S6'])).toEqual({ S1: 'available', S6: 'booked' });
    const pay = () =>
      http(
        server.baseUrl,
        'POST',
        `/bookings/${bookingId}/seat-changes/${dearer.body.changeId}/confirm`,
        { token: user, body: { paymentReference: 'PAY-DIFF', paymentMethod: 'card' } },
      );
    const paid = await pay();
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'changed', toSeat: 'S1' });
    expect((await pay()).status).toBe(200); // idempotent
    expect(await statusOf(tripId, ['S1', 'S6'])).toEqual({ S1: 'booked', S6: 'available' });

    const cheaper = await change('S9');
    expect(cheaper.body).toMatchObject({
      status: 'changed',
      refund: { amount: { amount: 132_000 } },
    });
    const after = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user });
    expect(after.body).toMatchObject({
      seatNumbers: ['S9'],
      paymentStatus: 'partially_refunded',
      payment: { amount: { amount: 462_000 } },
      priceBreakdown: { total: { amount: 330_000 } },
      refunds: [{ amount: { amount: 132_000 }, seatNumber: 'S9' }],
    });
    // Spent: 462,000 paid in all, less the cheaper seat's refund.
    const stats = await http(server.baseUrl, 'GET', `/users/${userId}/bookings/stats`, {
      token: user,
    });
    expect(stats.body.amountSpent.amount).toBe(462_000 - 132_000);
    expect(after.body.seatChanges.map((c: { toSeat: string }) => c.toSeat)).toEqual(['S1', 'S9']);

    // A seat someone else holds, an unknown seat, a pending booking, too close to departure
    const other = await tokenFor(server.config, ['user']);
    await http(server.baseUrl, 'POST', '/seats/lock', {
      token: other,
      body: { tripId, seatNumbers: ['S10'] },
    });
    const taken = await change('S10');
    expect([taken.status, taken.body.code]).toEqual([409, 'seat.unavailable']);
    const unknown = await change('S99');
    expect([unknown.status, unknown.body.code]).toEqual([422, 'seat.unknown']);
    const soon = await paidBooking(user, ['S2'], 1);
    const late = await http(server.baseUrl, 'POST', `/bookings/${soon.bookingId}/seat-changes`, {
      token: user,
      body: { passengerId: soon.booking.passengers[0].passengerId, toSeatNumber: 'S3' },
    });
    expect([late.status, late.body.code]).toEqual([422, 'booking.seat_change_closed']);
    const bad = await http(server.baseUrl, 'POST', `/bookings/${bookingId}/seat-changes`, {
      token: user,
      body: { passengerId: 'x;y', toSeatNumber: 'S3' },
    });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'passengerId']);
  });
});
