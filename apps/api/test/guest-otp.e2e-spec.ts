import { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { lockAndBook } from '../../../test/utils/bookings';
import { createTrip, guestToken } from '../../../test/utils/catalog';
import { TestSmtpServer } from '../../../test/utils/smtp';

const OTP_TTL_SECONDS = 8; // time for the mail and several tries on a busy machine
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Guest verification with one-time codes (GUEST_OTP_REQUIRED)', () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let tripId: string;
  let seat = 0;
  const net = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  let host = 0;
  const nextIp = () => `${net}.${++host}`;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    server = await startTestServer({
      SMTP_URL: smtp.url,
      GUEST_OTP_REQUIRED: 'true',
      GUEST_OTP_TTL_SECONDS: String(OTP_TTL_SECONDS),
      // Room to see the code's own attempt limit before the address/reference limit.
      GUEST_LOOKUP_MAX_FAILURES: '50',
      BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
    });
    const admin = await tokenFor(server.config, ['admin']);
    tripId = await createTrip(server.baseUrl, admin, 30);
  });
  afterAll(async () => {
    await server?.close(); // undefined when beforeAll failed
    await smtp?.stop();
  });

  async function guestBooking() {
    const email = `otp.${randomUUID().slice(0, 8)}@example.com`;
    const guest = await guestToken(server.baseUrl);
    const created = await lockAndBook(server.baseUrl, guest, tripId, [`S${++seat}`], {
      contact: { email, phone: '0912 345 678' },
    });
    expect(created.status).toBe(201);
    return {
      email,
      reference: created.body.bookingReference as string,
      bookingId: created.body.bookingId as string,
    };
  }

  const verify = (body: Record<string, unknown>) =>
    http(server.baseUrl, 'POST', '/bookings/guest/verify', {
      body,
      headers: { 'x-forwarded-for': nextIp() },
    });

  /** The code in the newest mail to `email` that arrived after `after` mails had. */
  async function codeFor(email: string, after = 0): Promise<string> {
    const mail: ParsedMail = await smtp.waitFor(
      (m) =>
        JSON.stringify(m.to).includes(email) &&
        smtp.received.filter((r) => JSON.stringify(r.to).includes(email)).indexOf(m) >= after,
    );
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')?.[1];
    expect(code).toBeDefined();
    return code!;
  }

  it('e-mails a code first (202 whether or not anything matched), then gives the token for it', async () => {
    const { email, reference, bookingId } = await guestBooking();
    const first = await verify({ reference, email });
    const unknown = await verify({
      reference: `BUS20261125${randomUUID().replace(/-/g, '').slice(0, 11).toUpperCase()}`,
      email,
    });
    expect([first.status, unknown.status]).toEqual([202, 202]);
    expect(JSON.stringify(unknown.body)).toBe(JSON.stringify(first.body));
    expect(first.body).toMatchObject({ status: 'code_sent', expiresInSeconds: OTP_TTL_SECONDS });

    const code = await codeFor(email);
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes(email))!;
    expect(mail.subject).toContain(reference);

    const granted = await verify({ reference, email, code });
    expect(granted.status).toBe(200);
    // Proved by a code: the guest sees the booking's personal data.
    expect(granted.body.booking).toMatchObject({ bookingId, masked: false });
    expect(granted.body.booking.contact.email).toBe(email);
    const viewed = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, {
      token: granted.body.accessToken,
    });
    expect(viewed.body.masked).toBe(false);

    const again = await verify({ reference, email, code });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('guest.code_invalid');
  });

  it('counts wrong codes: each is refused, and after the last attempt the right one is too', async () => {
    const { email, reference } = await guestBooking();
    await verify({ reference, email });
    const code = await codeFor(email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await verify({ reference, email, code: wrong }));
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 422]);
    // The fifth attempt, right at last, still counts as one.
    expect((await verify({ reference, email, code })).status).toBe(200);

    await verify({ reference, email });
    const next = await codeFor(email, 1);
    for (let i = 0; i < 5; i++) await verify({ reference, email, code: wrong });
    const exhausted = await verify({ reference, email, code: next });
    expect(exhausted.status).toBe(422);
    // Every failure looks the same, whatever the reason.
    expect(JSON.stringify(exhausted.body)).toBe(JSON.stringify(answers[0].body));
  });

  it('refuses an expired code, a code of an older request, and a code for the wrong contact', async () => {
    const { email, reference } = await guestBooking();
    await verify({ reference, email });
    const old = await codeFor(email);
    await verify({ reference, email });
    const current = await codeFor(email, 1);
    if (current !== old) expect((await verify({ reference, email, code: old })).status).toBe(422);
    expect((await verify({ reference, email: 'x@example.com', code: current })).status).toBe(422);
    await sleep(OTP_TTL_SECONDS * 1000 + 500);
    const expired = await verify({ reference, email, code: current });
    expect(expired.status).toBe(422);
    expect(expired.body.code).toBe('guest.code_invalid');
  });

  it('asks for a code before a claim too, and an access code does not claim', async () => {
    const { email, reference, bookingId } = await guestBooking();
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId);
    const claim = (body: Record<string, unknown>) =>
      http(server.baseUrl, 'POST', `/users/${userId}/bookings/claim`, {
        token: user,
        body,
        headers: { 'x-forwarded-for': nextIp() },
      });

    await verify({ reference, email });
    const accessCode = await codeFor(email);
    expect((await claim({ reference, email, code: accessCode })).status).toBe(422);

    const first = await claim({ reference, email });
    expect(first.status).toBe(202);
    const claimCode = await codeFor(email, 1);
    const claimed = await claim({ reference, email, code: claimCode });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ bookingId, masked: false });
    const mine = await http(server.baseUrl, 'GET', `/users/${userId}/bookings`, { token: user });
    expect(mine.body.total).toBe(1);
  });
});
