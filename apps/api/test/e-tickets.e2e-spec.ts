import { TicketSigner } from '@app/ticketing';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook, passengerFor } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { download, readPdf } from '../../../test/utils/pdf';
import { itWithPdfTools } from '../../../test/utils/requirements';
import { VIETNAMESE_NAMES } from '../../../test/utils/tickets';

describe('E-tickets', () => {
  let server: TestServer;
  let admin: string;
  let driver: string;

  beforeAll(async () => {
    // Test trips leave in 48 h; boarding opens 49 h before departure here (default: 1 h).
    server = await startTestServer({
      BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
      BOARDING_WINDOW_MINUTES_BEFORE: String(49 * 60),
    });
    admin = await tokenFor(server.config, ['admin']);
    driver = await tokenFor(server.config, ['driver']);
  });
  afterAll(() => server?.close()); // undefined when beforeAll failed

  const names = VIETNAMESE_NAMES;

  async function confirmedBooking(user: string, seats: string[]) {
    const tripId = await createTrip(server.baseUrl, admin, 12, {
      origin: 'Hà Nội',
      destination: 'Sa Pa',
    });
    const created = await lockAndBook(server.baseUrl, user, tripId, seats, {
      passengers: seats.map((seat, i) => passengerFor(seat, { fullName: names[i] })),
    });
    expect(created.status).toBe(201);
    const confirmed = await confirmBooking(server.baseUrl, user, created.body.bookingId);
    expect(confirmed.status).toBe(200);
    return confirmed.body;
  }

  const verify = (token: string, payload: string, board = false, tripId?: string) =>
    http(server.baseUrl, 'POST', '/tickets/verify', { token, body: { payload, board, tripId } });

  itWithPdfTools(
    'serves an A4 PDF with the reference, every passenger, seats, route and total, and five QR codes that verify',
    async () => {
      const user = await tokenFor(server.config, ['user']);
      const booking = await confirmedBooking(user, ['S1', 'S5', 'S6', 'S7', 'S8']);
      const ticket = await download(
        `${server.baseUrl}/bookings/${booking.bookingId}/e-ticket`,
        user,
      );
      expect(ticket.status).toBe(200);
      expect(ticket.headers.get('content-type')).toBe('application/pdf');
      const { info, text, qrCodes } = readPdf(ticket.body);
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      expect(text).toContain(booking.bookingReference);
      for (const name of names) expect(text).toContain(name);
      for (const seat of ['S1', 'S5', 'S6', 'S7', 'S8']) expect(text).toContain(seat);
      expect(text).toContain('Hà Nội – Sa Pa');
      const total = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' })
        .format(booking.priceBreakdown.total.amount)
        .replace(/\s/g, ' '); // pdftotext turns the no-break space into a space
      expect(text).toContain(total);
      expect(text).not.toContain(booking.passengers[0].idNumber); // masked: last 4 only
      expect(text).toContain(booking.passengers[0].idNumber.slice(-4));

      expect(qrCodes).toHaveLength(5);
      const checks = await Promise.all(qrCodes.map((payload) => verify(driver, payload)));
      expect(checks.map((c) => c.body.valid)).toEqual([true, true, true, true, true]);
      expect(checks.map((c) => c.body.ticket.seatNumber).sort()).toEqual([
        'S1',
        'S5',
        'S6',
        'S7',
        'S8',
      ]);

      const [body, signature] = qrCodes[0].split('.');
      const bytes = Buffer.from(body, 'base64url');
      bytes[10] ^= 0x01;
      const tampered = await verify(driver, `${bytes.toString('base64url')}.${signature}`);
      expect(tampered.body).toEqual({ valid: false, reason: 'ticket.signature_invalid' });

      // The same bytes are served until the booking changes.
      const again = await download(
        `${server.baseUrl}/bookings/${booking.bookingId}/e-ticket`,
        user,
      );
      expect(again.body.equals(ticket.body)).toBe(true);

      const preview = await http(
        server.baseUrl,
        'GET',
        `/bookings/${booking.bookingId}/e-ticket/preview`,
        {
          token: user,
        },
      );
      expect(preview.headers.get('content-type')).toContain('text/html');
      for (const name of names) expect(preview.body).toContain(name);
      expect(preview.body.match(/<svg/g)).toHaveLength(5);
    },
  );

  itWithPdfTools(
    'boards once, for the scanner’s trip, and a boarded booking can no longer be cancelled',
    async () => {
      const user = await tokenFor(server.config, ['user']);
      const booking = await confirmedBooking(user, ['S2', 'S3']);
      const { qrCodes } = readPdf(
        (await download(`${server.baseUrl}/bookings/${booking.bookingId}/e-ticket`, user)).body,
      );
      const withoutTrip = await verify(driver, qrCodes[0], true);
      expect(withoutTrip.status).toBe(400);
      expect(withoutTrip.body.errors[0].field).toBe('tripId');
      const otherTrip = await verify(
        driver,
        qrCodes[0],
        true,
        '00000000-0000-4000-8000-000000000009',
      );
      expect(otherTrip.body.code).toBe('ticket.other_trip');

      const first = await verify(driver, qrCodes[0], true, booking.tripId);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ valid: true, ticket: { boarded: true } });
      const second = await verify(driver, qrCodes[0], true, booking.tripId);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('ticket.already_boarded');
      const byPassenger = await verify(user, qrCodes[1], true, booking.tripId);
      expect(byPassenger.status).toBe(403);

      const history = await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}/history`, {
        token: user,
      });
      expect(history.body.entries.at(-1)).toMatchObject({
        type: 'PassengerBoarded',
        reason: 'ticket scanned',
      });
      const cancel = await http(server.baseUrl, 'DELETE', `/bookings/${booking.bookingId}`, {
        token: user,
      });
      expect(cancel.status).toBe(409);
      expect(cancel.body.code).toBe('booking.boarded');
    },
  );

  itWithPdfTools('refuses the code of a cancelled booking, to check and to board', async () => {
    const user = await tokenFor(server.config, ['user']);
    const booking = await confirmedBooking(user, ['S4']);
    const { qrCodes } = readPdf(
      (await download(`${server.baseUrl}/bookings/${booking.bookingId}/e-ticket`, user)).body,
    );
    await http(server.baseUrl, 'DELETE', `/bookings/${booking.bookingId}`, { token: user });
    const cancelled = await verify(driver, qrCodes[0]);
    expect(cancelled.body).toMatchObject({ valid: false, reason: 'ticket.void' });
    const boardCancelled = await verify(driver, qrCodes[0], true, booking.tripId);
    expect(boardCancelled.status).toBe(409);
    expect(boardCancelled.body.code).toBe('ticket.void');
    const pdf = await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}/e-ticket`, {
      token: user,
    });
    expect(pdf.status).toBe(409);
    expect(pdf.body).toMatchObject({ code: 'ticket.void', currentStatus: 'cancelled' });
  });

  it('boards only inside the window around departure', async () => {
    const early = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      const user = await tokenFor(early.config, ['user']);
      const crew = await tokenFor(early.config, ['driver']);
      const tripId = await createTrip(early.baseUrl, await tokenFor(early.config, ['admin']));
      const created = await lockAndBook(early.baseUrl, user, tripId, ['S1']);
      await confirmBooking(early.baseUrl, user, created.body.bookingId);
      const payload = early.app.get(TicketSigner).sign({
        v: 1,
        ref: created.body.bookingReference,
        bid: created.body.bookingId,
        trip: tripId,
        dep: created.body.trip.departureAt,
        seat: 'S1',
        pax: 0,
      });
      const answer = await http(early.baseUrl, 'POST', '/tickets/verify', {
        token: crew,
        body: { payload, board: true, tripId },
      });
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('ticket.outside_boarding_window');
      expect(Date.parse(answer.body.opensAt)).toBeGreaterThan(Date.now() + 46 * 3600_000);
    } finally {
      await early.close();
    }
  });

  it('has no ticket before payment, none for others, and publishes its public key', async () => {
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin);
    const pending = await lockAndBook(server.baseUrl, user, tripId, ['S4']);
    const early = await http(
      server.baseUrl,
      'GET',
      `/bookings/${pending.body.bookingId}/e-ticket`,
      {
        token: user,
      },
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'ticket.not_available', currentStatus: 'pending' });
    const stranger = await tokenFor(server.config, ['user']);
    const hidden = await http(
      server.baseUrl,
      'GET',
      `/bookings/${pending.body.bookingId}/e-ticket`,
      {
        token: stranger,
      },
    );
    expect(hidden.status).toBe(404);

    const key = await http(server.baseUrl, 'GET', '/tickets/public-key');
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect(key.body.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    for (const payload of ['', 'x'.repeat(5000), 'not-a-ticket', 42]) {
      const answer = await http(server.baseUrl, 'POST', '/tickets/verify', {
        token: driver,
        body: { payload },
      });
      if (answer.status === 200)
        expect(answer.body).toEqual({ valid: false, reason: 'ticket.signature_invalid' });
      else expect(answer.status).toBe(400);
    }
  });
});
