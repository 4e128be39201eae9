import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { passengerFor } from '../../../test/utils/bookings';
import { createTrip, guestToken } from '../../../test/utils/catalog';
import { TestSmtpServer } from '../../../test/utils/smtp';

interface LogLine {
  msg?: string;
  requestId?: string;
  correlationId?: string;
  [field: string]: unknown;
}

/**
 * Everything the API and its in-process worker log while travellers book, pay, get their
 * e-ticket, verify by code and get refused: refusals and saga steps appear with their ids, and
 * no personal data, token or code appears anywhere.
 */
describe('Logs', () => {
  const lines: string[] = [];
  let server: TestServer;
  let smtp: TestSmtpServer;
  let admin: string;
  let tripId: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    server = await startTestServer(
      {
        LOG_LEVEL: 'info',
        SMTP_URL: smtp.url,
        GUEST_OTP_REQUIRED: 'true',
        BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
        TICKET_EMAIL_BACKOFF_MS: '200',
      },
      { withWorker: true, logTo: { write: (line: string) => void lines.push(line) } },
    );
    admin = await tokenFor(server.config, ['admin']);
    tripId = await createTrip(server.baseUrl, admin, 10);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  const parsed = () => lines.map((line) => JSON.parse(line) as LogLine);

  async function waitForLine(predicate: (line: LogLine) => boolean): Promise<LogLine> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = parsed().find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such log line in:\n${lines.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('shows refusals and saga steps with their ids, and no personal data, token or code', async () => {
    const email = `Privacy.${randomUUID().slice(0, 8)}@Example.com`;
    const passengers = [
      passengerFor('S1', {
        fullName: 'Đặng Thuỳ Trâm',
        email: `tram.${randomUUID().slice(0, 6)}@example.org`,
      }),
      passengerFor('S2', { fullName: 'Hoàng Văn Thụ', email: undefined }),
    ];
    const contactPhone = '0987 654 321';
    const guest = await guestToken(server.baseUrl);
    const bookingRequestId = `book-${randomUUID()}`;
    const hold = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: guest,
      body: { tripId, seatNumbers: ['S1', 'S2'] },
    });
    expect(hold.status).toBe(201);
    const created = await http(server.baseUrl, 'POST', '/bookings', {
      token: guest,
      headers: { 'x-request-id': bookingRequestId },
      body: {
        tripId,
        seatNumbers: ['S1', 'S2'],
        passengers,
        contact: { email, phone: contactPhone },
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(bookingRequestId);
    const { bookingId, bookingReference } = created.body;

    const confirmRequestId = `confirm-${randomUUID()}`;
    const paid = await http(server.baseUrl, 'POST', `/bookings/${bookingId}/confirm`, {
      token: guest,
      headers: { 'x-request-id': confirmRequestId },
      body: { paymentReference: `PAY-${bookingId}`, paymentMethod: 'card' },
    });
    expect(paid.status).toBe(200);
    await smtp.waitFor((m) => m.subject?.includes(bookingReference) ?? false); // the e-ticket

    // A guest proves the contact by a code sent by e-mail, then gets a booking access token.
    // Attempts are counted per address in Redis for a while: an address of this run's own.
    const from = {
      'x-forwarded-for': `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join('.')}`,
    };
    const asked = await http(server.baseUrl, 'POST', '/bookings/guest/verify', {
      headers: from,
      body: { reference: bookingReference, email },
    });
    expect(asked.status).toBe(202);
    const codeMail = await smtp.waitFor(
      (m) =>
        JSON.stringify(m.to).toLowerCase().includes(email.toLowerCase()) &&
        /\b\d{6}\b/.test(m.text ?? '') &&
        !(m.subject ?? '').includes('e-ticket'),
    );
    const code = /\b(\d{6})\b/.exec(codeMail.text ?? '')![1];
    const verified = await http(server.baseUrl, 'POST', '/bookings/guest/verify', {
      headers: from,
      body: { reference: bookingReference, email, code },
    });
    expect(verified.status).toBe(200);
    const accessToken: string = verified.body.accessToken;

    // Refused: a booking whose passenger's e-mail is malformed, full of personal data.
    const refusedRequestId = `refused-${randomUUID()}`;
    const refusedPassenger = passengerFor('S3', {
      fullName: 'Lý Thường Kiệt',
      email: 'kiet-at-example.org',
      idNumber: '079999888777',
    });
    const refused = await http(server.baseUrl, 'POST', '/bookings', {
      token: guest,
      headers: { 'x-request-id': refusedRequestId },
      body: {
        tripId,
        seatNumbers: ['S3'],
        passengers: [refusedPassenger],
        contact: { email: 'ly.kiet@example.net', phone: '0911 222 333' },
      },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);

    // Each refusal is one line with its request id; the saga steps carry the request's id on.
    const refusal = await waitForLine(
      (l) => l.requestId === refusedRequestId && l.msg === 'request refused',
    );
    expect(refusal).toMatchObject({
      status: refused.status,
      code: refused.body.code,
      route: '/bookings',
    });
    const ticketStep = await waitForLine(
      (l) =>
        l.msg === 'saga step' &&
        l.saga === 'tickets' &&
        l.eventType === 'BookingConfirmed' &&
        l.correlationId === confirmRequestId,
    );
    expect(ticketStep.outcome).toBe('ticket mail queued');
    await waitForLine(
      (l) =>
        l.msg === 'saga step' &&
        l.saga === 'booking-timers' &&
        l.eventType === 'BookingCreated' &&
        l.correlationId === bookingRequestId,
    );
    await waitForLine(
      (l) => l.msg === 'saga step' && l.saga === 'hold-expiry' && l.eventType === 'SeatsLocked',
    );
    // Let the ticket mail's job finish and log whatever it logs.
    await new Promise((r) => setTimeout(r, 500));

    const secrets: string[] = [
      email,
      email.toLowerCase(),
      contactPhone,
      contactPhone.replace(/\s/g, ''),
      ...[...passengers, refusedPassenger].flatMap((p) => [
        p.fullName,
        p.idNumber,
        p.phone,
        p.phone.replace('+84', '0'),
        ...(p.email ? [p.email] : []),
      ]),
      'ly.kiet@example.net',
      'kiet-at-example.org',
      '0911 222 333',
      guest,
      accessToken,
      admin,
    ];
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
    // Names as JSON escapes them, and the one-time code as a number of its own.
    for (const name of ['Đặng Thuỳ Trâm', 'Hoàng Văn Thụ', 'Lý Thường Kiệt']) {
      expect([name, text.includes(JSON.stringify(name).slice(1, -1))]).toEqual([name, false]);
    }
    expect(new RegExp(`(?<!\\d)${code}(?!\\d)`).test(text)).toBe(false);
  });
});
