import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook, passengerFor } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { download, readPdf } from '../../../test/utils/pdf';
import { freePort } from '../../../test/utils/ports';
import { itWithPdfTools } from '../../../test/utils/requirements';
import { TestSmtpServer } from '../../../test/utils/smtp';

const HOUR = 3600_000;

/** DELETE /bookings/{id}/passengers/{passengerId} and its quote. */
describe('Cancelling one passenger', () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let pool: Pool;
  let admin: string;
  let driver: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    await smtp.start();
    server = await startTestServer(
      { SMTP_URL: smtp.url, BOOKING_RATE_LIMIT_PER_MINUTE: '1000', REDIS_URL: '' },
      { withWorker: true },
    );
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    admin = await tokenFor(server.config, ['admin']);
    driver = await tokenFor(server.config, ['driver']);
  });
  afterAll(async () => {
    await pool?.end();
    await server?.close();
    await smtp?.stop();
  });

  const seatStatus = async (tripId: string, seat: string) =>
    (await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`)).body.seats.find(
      (s: { seatNumber: string }) => s.seatNumber === seat,
    ).status;
  const version = async (bookingId: string) =>
    Number(
      (
        await pool.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [
          `booking-${bookingId}`,
        ])
      ).rows[0].version,
    );

  itWithPdfTools(
    'refunds a paid passenger’s line, frees the seat, revokes that QR only and mails the rest',
    async () => {
      const userId = randomUUID();
      const user = await tokenFor(server.config, ['user'], userId);
      const tripId = await createTrip(server.baseUrl, admin, 12, {
        departureAt: new Date(Date.now() + 30 * HOUR).toISOString(),
        arrivalAt: new Date(Date.now() + 36 * HOUR).toISOString(),
      });
      const email = `family.${Date.now()}@example.com`;
      const created = await lockAndBook(server.baseUrl, user, tripId, ['S5', 'S6', 'S7'], {
        passengers: [
          passengerFor('S5', { fullName: 'Lê Văn Một' }),
          passengerFor('S6', { fullName: 'Lê Thị Hai', passengerType: 'child' }),
          passengerFor('S7', { fullName: 'Lê Văn Ba' }),
        ],
        contact: { email, phone: '+84912000111' },
      });
      expect(created.status).toBe(201);
      const { bookingId } = created.body;
      const confirmed = await confirmBooking(server.baseUrl, user, bookingId);
      expect(confirmed.status).toBe(200);
      const before = await download(`${server.baseUrl}/bookings/${bookingId}/e-ticket`, user);
      const oldQr = readPdf(before.body).qrCodes;
      expect(oldQr).toHaveLength(3);

      const child = confirmed.body.passengers[1];
      expect(child).toMatchObject({ seatNumber: 'S6', passengerId: expect.any(String) });
      // S6: 300,000 − 25 % child = 225,000 + 10 % VAT = 247,500; 30 h ahead → 90 %.
      const path = `/bookings/${bookingId}/passengers/${child.passengerId}`;
      const versionBefore = await version(bookingId);
      const quote = await http(server.baseUrl, 'GET', `${path}/cancellation-quote`, {
        token: user,
      });
      expect(quote.status).toBe(200);
      expect(quote.body).toMatchObject({
        bookingStatus: 'confirmed',
        seatNumber: 'S6',
        refund: { percent: 90, amount: { amount: 222_750, currency: 'VND' } },
        paymentStatus: 'partially_refunded',
        remainingTotal: { amount: 660_000 },
      });
      expect(await version(bookingId)).toBe(versionBefore); // a quote changes nothing

      const cancelled = await http(server.baseUrl, 'DELETE', `${path}?reason=plans changed`, {
        token: user,
      });
      expect(cancelled.status).toBe(200);
      expect({ ...cancelled.body, cancelledAt: undefined }).toEqual({
        ...quote.body,
        cancelledAt: undefined,
      });
      expect(await seatStatus(tripId, 'S6')).toBe('available');
      const after = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user });
      expect(after.body).toMatchObject({
        status: 'confirmed',
        paymentStatus: 'partially_refunded',
        seatNumbers: ['S5', 'S7'],
        priceBreakdown: { total: { amount: 660_000 } },
        cancelledPassengers: [{ passengerId: child.passengerId, seatNumber: 'S6' }],
        refunds: [{ passengerId: child.passengerId, percent: 90, amount: { amount: 222_750 } }],
      });
      expect(after.body.passengers.map((p: { fullName: string }) => p.fullName)).toEqual([
        'Lê Văn Một',
        'Lê Văn Ba',
      ]);

      // The cancelled passenger's QR is revoked; the others' old QR codes still hold.
      const checks = await Promise.all(
        oldQr.map((payload) =>
          http(server.baseUrl, 'POST', '/tickets/verify', { token: driver, body: { payload } }),
        ),
      );
      const bySeat = Object.fromEntries(
        checks.map((c) => [c.body.ticket.seatNumber, c.body.valid || c.body.reason]),
      );
      expect(bySeat).toEqual({ S5: true, S6: 'ticket.revoked', S7: true });

      // The remaining passengers' e-tickets are e-mailed again.
      const updated = await smtp.waitFor(
        (mail) =>
          JSON.stringify(mail.to).includes(email) && /updated e-ticket/.test(mail.subject ?? ''),
        20_000,
      );
      const attached = readPdf(updated.attachments[0].content);
      expect(attached.qrCodes).toHaveLength(2);
      expect(attached.text).toContain('Lê Văn Ba');
      expect(attached.text).not.toContain('Lê Thị Hai');

      const history = await http(server.baseUrl, 'GET', `/bookings/${bookingId}/history`, {
        token: user,
      });
      expect(history.body.entries.map((e: { type: string }) => e.type)).toContain(
        'PassengerCancelled',
      );
      // Spent: 907,500 paid, less the refund.
      const stats = await http(server.baseUrl, 'GET', `/users/${userId}/bookings/stats`, {
        token: user,
      });
      expect(stats.body.amountSpent.amount).toBe(907_500 - 222_750);
      const twice = await http(server.baseUrl, 'DELETE', path, { token: user });
      expect([twice.status, twice.body.code]).toEqual([404, 'booking.passenger_not_found']);

      // The rest of the booking refunds what is left by the same tier.
      const whole = await http(server.baseUrl, 'DELETE', `/bookings/${bookingId}`, { token: user });
      expect(whole.body).toMatchObject({
        paymentStatus: 'refunded',
        refund: { percent: 90, amount: { amount: 594_000 } },
      });
      const final = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user });
      expect(
        final.body.refunds.map((r: { amount: { amount: number } }) => r.amount.amount),
      ).toEqual([222_750, 594_000]);
    },
    60_000,
  );

  it('reprices a pending booking; the last passenger’s cancellation cancels the booking', async () => {
    const user = await tokenFor(server.config, ['user']);
    const stranger = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin, 12);
    const created = await lockAndBook(server.baseUrl, user, tripId, ['S9', 'S10']);
    const { bookingId, passengers } = created.body;
    const [first, second] = passengers;

    const notYours = await http(
      server.baseUrl,
      'DELETE',
      `/bookings/${bookingId}/passengers/${first.passengerId}`,
      { token: stranger },
    );
    expect([notYours.status, notYours.body.code]).toEqual([404, 'booking.not_found']);
    const bad = await http(server.baseUrl, 'DELETE', `/bookings/${bookingId}/passengers/x;y`, {
      token: user,
    });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'passengerId']);

    const one = await http(
      server.baseUrl,
      'DELETE',
      `/bookings/${bookingId}/passengers/${first.passengerId}`,
      { token: user },
    );
    expect(one.body).toMatchObject({
      bookingStatus: 'pending',
      refund: { percent: 0, amount: { amount: 0 } },
      paymentStatus: 'pending',
      remainingTotal: { amount: 330_000 },
    });
    expect(await seatStatus(tripId, 'S9')).toBe('available');
    const last = await http(
      server.baseUrl,
      'DELETE',
      `/bookings/${bookingId}/passengers/${second.passengerId}`,
      { token: user },
    );
    expect(last.body).toMatchObject({ bookingStatus: 'cancelled', remainingTotal: { amount: 0 } });
    const booking = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user });
    expect(booking.body.status).toBe('cancelled');
    expect(await seatStatus(tripId, 'S10')).toBe('available');
  });
});
