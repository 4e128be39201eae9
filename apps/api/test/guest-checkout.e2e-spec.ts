import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook, passengerFor } from '../../../test/utils/bookings';
import { createTrip, guestToken } from '../../../test/utils/catalog';
import { readPdf } from '../../../test/utils/pdf';
import { itWithPdfTools } from '../../../test/utils/requirements';
import { TestSmtpServer } from '../../../test/utils/smtp';

describe('Guest checkout, verification and claims', () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let admin: string;
  let tripId: string;
  // Failure counters live in Redis for the whole window: fresh addresses for every run.
  const net = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  let host = 0;
  const nextIp = () => `${net}.${++host}`;
  const uniqueEmail = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;
  const unknownReference = () =>
    `BUS20261125${randomUUID().replace(/-/g, '').slice(0, 11).toUpperCase()}`;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    server = await startTestServer(
      {
        SMTP_URL: smtp.url,
        BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
        TICKET_EMAIL_BACKOFF_MS: '200',
        TICKET_RESENDS_PER_HOUR: '2',
      },
      { withWorker: true },
    );
    admin = await tokenFor(server.config, ['admin']);
    tripId = await createTrip(server.baseUrl, admin, 20);
  });
  afterAll(async () => {
    await server?.close(); // undefined when beforeAll failed
    await smtp?.stop();
  });

  const verify = (body: Record<string, unknown>, ip = nextIp()) =>
    http(server.baseUrl, 'POST', '/bookings/guest/verify', {
      body,
      headers: { 'x-forwarded-for': ip },
    });

  async function guestBooking(seats: string[], email = uniqueEmail('guest')) {
    const guest = await guestToken(server.baseUrl);
    const created = await lockAndBook(server.baseUrl, guest, tripId, seats, {
      contact: { email, phone: '0912 345 678' },
    });
    expect(created.status).toBe(201);
    return { guest, email, booking: created.body };
  }

  itWithPdfTools(
    'runs the whole guest flow: book, pay, e-mail, look up, verify, resend, cancel',
    async () => {
      const session = await http(server.baseUrl, 'POST', '/guest/sessions', { body: {} });
      expect(session.status).toBe(201);
      const guest = session.body.token;
      const email = uniqueEmail('Guest.Flow');
      const created = await lockAndBook(server.baseUrl, guest, tripId, ['S1', 'S2'], {
        passengers: [
          passengerFor('S1', { fullName: 'Nguyễn Thị Ánh', email: undefined }),
          passengerFor('S2', { fullName: 'Trần Văn Bình', email: undefined }),
        ],
        contact: { email, phone: '0912 345 678' },
      });
      expect(created.status).toBe(201);
      const { bookingId, bookingReference: reference } = created.body;
      expect(created.body).toMatchObject({ guest: true, masked: false, status: 'pending' });

      const paid = await confirmBooking(server.baseUrl, guest, bookingId);
      expect(paid.status).toBe(200);

      // The confirmation reaches the contact, with the reference and the ticket attached.
      const mail = await smtp.waitFor((m) => m.subject?.includes(reference) ?? false);
      expect(JSON.stringify(mail.to)).toContain(email.toLowerCase());
      expect(mail.text).toContain(`Booking reference: ${reference}`);
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
      expect(readPdf(pdf!.content).text).toContain(reference);

      const lookup = await http(
        server.baseUrl,
        'GET',
        `/bookings/guest/lookup?reference=${reference.toLowerCase()}&email=${encodeURIComponent(email.toUpperCase())}`,
        { headers: { 'x-forwarded-for': nextIp() } },
      );
      expect(lookup.status).toBe(200);
      expect(lookup.body).toMatchObject({ bookingId, masked: true, status: 'confirmed' });

      const verified = await verify({ reference, email: ` ${email.toUpperCase()} ` });
      expect(verified.status).toBe(200);
      expect(verified.body.booking).toMatchObject({ bookingId, masked: true, guest: true });
      expect(verified.body.booking.contact.email).not.toBe(email);
      const accessToken: string = verified.body.accessToken;
      expect(Date.parse(verified.body.expiresAt)).toBeGreaterThan(Date.now() + 25 * 60_000);

      const viewed = await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, {
        token: accessToken,
      });
      expect(viewed.status).toBe(200);
      const history = await http(server.baseUrl, 'GET', `/bookings/${bookingId}/history`, {
        token: accessToken,
      });
      expect(history.body.entries.map((e: { type: string }) => e.type)).toContain(
        'GuestAccessGranted',
      );

      const before = smtp.received.filter((m) => m.subject?.includes(reference)).length;
      const resent = await http(
        server.baseUrl,
        'POST',
        `/bookings/${bookingId}/resend-confirmation`,
        {
          token: accessToken,
        },
      );
      expect(resent.status).toBe(202);
      expect(resent.body.jobId).toEqual(expect.any(String));
      await smtp.waitFor(
        () => smtp.received.filter((m) => m.subject?.includes(reference)).length > before,
      );
      // Resends are limited per booking, whoever asks.
      const resend = (token: string) =>
        http(server.baseUrl, 'POST', `/bookings/${bookingId}/resend-confirmation`, { token });
      expect((await resend(guest)).status).toBe(202);
      const tooMany = await resend(accessToken);
      expect(tooMany.status).toBe(429);
      expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);

      const cancelled = await http(
        server.baseUrl,
        'DELETE',
        `/bookings/${bookingId}?reason=plans`,
        {
          token: accessToken,
        },
      );
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', refund: { percent: 90 } });
      const seats = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
      const statusOf = (seat: string) =>
        seats.body.seats.find((s: { seatNumber: string }) => s.seatNumber === seat).status;
      expect([statusOf('S1'), statusOf('S2')]).toEqual(['available', 'available']);
      const audit = await http(server.baseUrl, 'GET', `/bookings/${bookingId}/history`, {
        token: admin,
      });
      const cancellation = audit.body.entries.find(
        (e: { type: string }) => e.type === 'BookingCancelled',
      );
      expect(cancellation.actor.kind).toBe('guest');
    },
  );

  it('scopes an access token to its booking: nothing else, not even the same guest’s others', async () => {
    const a = await guestBooking(['S3']);
    const b = await lockAndBook(server.baseUrl, a.guest, tripId, ['S4'], {
      contact: { email: a.email, phone: '0912 345 678' },
    });
    const token = (await verify({ reference: a.booking.bookingReference, email: a.email })).body
      .accessToken;

    expect(
      (await http(server.baseUrl, 'GET', `/bookings/${a.booking.bookingId}`, { token })).status,
    ).toBe(200);
    for (const [method, path] of [
      ['GET', `/bookings/${b.body.bookingId}`],
      ['GET', `/bookings/${b.body.bookingId}/history`],
      ['GET', `/bookings/reference/${b.body.bookingReference}`],
      ['DELETE', `/bookings/${b.body.bookingId}`],
      ['POST', `/bookings/${b.body.bookingId}/resend-confirmation`],
    ]) {
      const answer = await http(server.baseUrl, method, path, { token });
      expect([path, answer.status]).toEqual([path, 404]);
    }
    // It cannot start bookings of its own.
    const lock = await http(server.baseUrl, 'POST', '/seats/lock', {
      token,
      body: { tripId, seatNumbers: ['S9'] },
    });
    expect(lock.status).toBe(201);
    const refused = await http(server.baseUrl, 'POST', '/bookings', {
      token,
      body: {
        tripId,
        seatNumbers: ['S9'],
        passengers: [passengerFor('S9')],
        contact: { email: a.email, phone: '0912345678' },
      },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.booking_scoped');
    // …but it can move its booking to a seat it holds, while pending.
    const moved = await http(server.baseUrl, 'PATCH', `/bookings/${a.booking.bookingId}`, {
      token,
      body: { seatNumbers: ['S9'] },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.seatNumbers).toEqual(['S9']);
  });

  it('gives the same 404 for every mismatch, none for registered users’ bookings, then 429', async () => {
    const { booking, email } = await guestBooking(['S5']);
    const user = await tokenFor(server.config, ['user']);
    const userEmail = uniqueEmail('member');
    const userBooking = await lockAndBook(server.baseUrl, user, tripId, ['S6'], {
      contact: { email: userEmail, phone: '0912 345 678' },
    });
    const answers = [
      await verify({ reference: unknownReference(), email }),
      await verify({ reference: booking.bookingReference, email: 'someone.else@example.com' }),
      await verify({ reference: unknownReference(), phone: '0900 000 000' }),
      await verify({ reference: userBooking.body.bookingReference, email: userEmail }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    for (const answer of answers.slice(1))
      expect(JSON.stringify(answer.body)).toBe(JSON.stringify(answers[0].body));

    const statuses: number[] = [];
    const failing = nextIp();
    for (let i = 0; i < 5; i++) {
      const ip = i === 0 ? failing : nextIp();
      statuses.push(
        (await verify({ reference: booking.bookingReference, email: `x${i}@example.com` }, ip))
          .status,
      );
    }
    // Locked for addresses that failed, even with the right contact…
    const right = await verify({ reference: booking.bookingReference, email }, failing);
    expect([...statuses, right.status]).toEqual([404, 404, 404, 404, 429, 429]);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // …but not for the owner, from an address that has not failed.
    expect((await verify({ reference: booking.bookingReference, email })).status).toBe(200);

    const bad = await verify({ reference: booking.bookingReference, email, phone: '0912345678' });
    expect(bad.status).toBe(400);
    const badCode = await verify({ reference: booking.bookingReference, email, code: '12ab' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0]).toMatchObject({ field: 'code' });
  });

  it('lets a user whose account e-mail is the contact claim a guest booking; earlier access tokens are revoked', async () => {
    const { guest, booking, email } = await guestBooking(['S7']);
    const other = await guestBooking(['S8']);
    const accessToken = (await verify({ reference: booking.bookingReference, email })).body
      .accessToken;
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId, email.toUpperCase());
    const claim = (body: Record<string, unknown>, token = user, id = userId) =>
      http(server.baseUrl, 'POST', `/users/${id}/bookings/claim`, {
        token,
        body,
        headers: { 'x-forwarded-for': nextIp() },
      });

    // Another address than the account's: a code is asked for (and sent nowhere, no match).
    const wrong = await claim({ reference: booking.bookingReference, email: 'nope@example.com' });
    expect(wrong.status).toBe(202);
    expect(
      (await claim({ reference: booking.bookingReference, email }, user, randomUUID())).status,
    ).toBe(403);

    const claimed = await claim({
      reference: booking.bookingReference.toLowerCase(),
      email: email.toUpperCase(),
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({
      bookingId: booking.bookingId,
      guest: true,
      masked: false,
      claimedAt: expect.any(String),
    });
    expect(claimed.body.contact.email).toBe(email);
    expect((await claim({ reference: booking.bookingReference, email })).status).toBe(200);

    const history = await http(server.baseUrl, 'GET', `/users/${userId}/bookings`, { token: user });
    expect(history.body.items.map((b: { bookingId: string }) => b.bookingId)).toEqual([
      booking.bookingId,
    ]);
    const stats = await http(server.baseUrl, 'GET', `/users/${userId}/bookings/stats`, {
      token: user,
    });
    expect(stats.body.totalBookings).toBe(1);

    // Now the user's: changed by them, no longer by the session that made it…
    expect(
      (await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}`, { token: user })).status,
    ).toBe(200);
    expect(
      (await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}`, { token: guest }))
        .status,
    ).toBe(404);
    // …nor by an access token given before the claim (issue 17, hole 10), to read or to cancel.
    expect(
      (await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}`, { token: accessToken }))
        .status,
    ).toBe(404);
    expect(
      (
        await http(server.baseUrl, 'DELETE', `/bookings/${booking.bookingId}`, {
          token: accessToken,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await http(server.baseUrl, 'GET', `/bookings/${other.booking.bookingId}`, {
          token: accessToken,
        })
      ).status,
    ).toBe(404);

    const someoneElse = await tokenFor(server.config, ['user']);
    const stolen = await http(server.baseUrl, 'POST', `/users/${randomUUID()}/bookings/claim`, {
      token: someoneElse,
      body: { reference: booking.bookingReference, email },
    });
    expect(stolen.status).toBe(403);
    const otherUserId = randomUUID();
    const taken = await claim(
      { reference: booking.bookingReference, email },
      await tokenFor(server.config, ['user'], otherUserId, email),
      otherUserId,
    );
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('booking.already_claimed');
    // A claimed booking is no longer opened by its contact: its owner signs in.
    expect((await verify({ reference: booking.bookingReference, email })).status).toBe(404);

    const audit = await http(server.baseUrl, 'GET', `/bookings/${booking.bookingId}/history`, {
      token: user,
    });
    const entry = audit.body.entries.find((e: { type: string }) => e.type === 'BookingClaimed');
    expect(entry.actor).toEqual({ kind: 'user', id: userId });
  });
});

describe('Claims by an account with another e-mail address', () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    server = await startTestServer({ SMTP_URL: smtp.url, BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await server?.close(); // undefined when beforeAll failed
    await smtp?.stop();
  });

  it('need a one-time code e-mailed to the contact: knowing the address is not enough', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin);
    const guest = await guestToken(server.baseUrl);
    const email = `claim.${randomUUID().slice(0, 8)}@example.com`;
    const created = await lockAndBook(server.baseUrl, guest, tripId, ['S1'], {
      contact: { email, phone: '0912 345 678' },
    });
    const reference = created.body.bookingReference;
    const userId = randomUUID();
    const user = await tokenFor(server.config, ['user'], userId, 'someone.else@example.com');
    // Attempts count per client address in Redis across runs: a fresh one.
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const claim = (body: Record<string, unknown>) =>
      http(server.baseUrl, 'POST', `/users/${userId}/bookings/claim`, {
        token: user,
        body,
        headers: { 'x-forwarded-for': ip },
      });

    const first = await claim({ reference, email });
    expect(first.status).toBe(202);
    expect(first.body.status).toBe('code_sent');
    const mine = await http(server.baseUrl, 'GET', `/users/${userId}/bookings`, { token: user });
    expect(mine.body.total).toBe(0);

    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email));
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')![1];
    const claimed = await claim({ reference, email, code });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ bookingReference: reference, masked: false });
    expect((await claim({ reference, email, code })).status).toBe(422);
  });
});

describe('Guest verification without Redis', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: '', BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => server?.close());

  it('still counts failures (in memory) and refuses the sixth with 429', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin);
    const guest = await guestToken(server.baseUrl);
    const email = `mem.${randomUUID().slice(0, 8)}@example.com`;
    const created = await lockAndBook(server.baseUrl, guest, tripId, ['S1'], {
      contact: { email, phone: '0912 345 678' },
    });
    const reference = created.body.bookingReference;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await http(server.baseUrl, 'POST', '/bookings/guest/verify', {
        body: { reference, email: `wrong${i}@example.com` },
        headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const fromFailed = await http(server.baseUrl, 'POST', '/bookings/guest/verify', {
      body: { reference, email },
      headers: { 'x-forwarded-for': '192.0.2.1' },
    });
    expect(fromFailed.status).toBe(429);
    const fromFresh = await http(server.baseUrl, 'POST', '/bookings/guest/verify', {
      body: { reference, email },
      headers: { 'x-forwarded-for': '192.0.2.99' },
    });
    expect(fromFresh.status).toBe(200);
  });
});
