import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { download, readPdf } from '../../../test/utils/pdf';
import { freePort } from '../../../test/utils/ports';
import { itWithPdfTools } from '../../../test/utils/requirements';
import { SeatFeedClient } from '../../../test/utils/seat-feed-client';
import { TestSmtpServer } from '../../../test/utils/smtp';
import { eventually } from '../../../test/utils/eventually';

const MINUTE = 60_000;

/** POST /admin/trips/{tripId}/delay and the worker's saga that moves the trip's bookings. */
describe('Delaying a trip', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let admin: string;
  const clients: SeatFeedClient[] = [];
  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    await smtp.start();
    server = await startTestServer(
      { SMTP_URL: smtp.url, REDIS_URL: '', BOOKING_RATE_LIMIT_PER_MINUTE: '1000' },
      { withWorker: true },
    );
    admin = await tokenFor(server.config, ['admin']);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  /** A trip leaving in 3 h: a cancellation now refunds 50 % (REFUND_TIERS 24:90,2:50). */
  async function tripSoon() {
    const departure = new Date(Date.now() + 3 * 60 * MINUTE);
    const tripId = await createTrip(server.baseUrl, admin, 12, {
      origin: 'Hà Nội',
      destination: 'Sa Pa',
      departureAt: departure.toISOString(),
      arrivalAt: new Date(departure.getTime() + 6 * 60 * MINUTE).toISOString(),
    });
    return { tripId, departure };
  }

  async function paidBooking(tripId: string, seats: string[], email: string) {
    const user = await tokenFor(server.config, ['user']);
    const booked = await lockAndBook(server.baseUrl, user, tripId, seats, {
      contact: { email, phone: '+84912000333' },
    });
    expect(booked.status).toBe(201);
    const confirmed = await confirmBooking(server.baseUrl, user, booked.body.bookingId);
    expect(confirmed.status).toBe(200);
    return { user, booking: confirmed.body };
  }

  const read = (token: string, bookingId: string) =>
    http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token });

  itWithPdfTools(
    'moves every booking to the new time, mails each, refunds in full during free cancellation, and tickets show it',
    async () => {
      const { tripId, departure } = await tripSoon();
      const tag = randomUUID().slice(0, 8);
      const alice = await tokenFor(server.config, ['user']);
      const pending = await lockAndBook(server.baseUrl, alice, tripId, ['S1'], {
        contact: { email: `alice.${tag}@example.com`, phone: '+84912000111' },
      });
      expect(pending.status).toBe(201);
      const bob = await paidBooking(tripId, ['S5', 'S6'], `bob.${tag}@example.com`);
      const carol = await paidBooking(tripId, ['S7'], `carol.${tag}@example.com`);

      const watcher = new SeatFeedClient(server.baseUrl);
      clients.push(watcher);
      await watcher.emit('subscribe', { tripId });

      const path = `/admin/trips/${tripId}/delay`;
      const later = new Date(departure.getTime() + 90 * MINUTE).toISOString();
      const notAdmin = await http(server.baseUrl, 'POST', path, {
        token: alice,
        body: { newDepartureAt: later, reason: 'x' },
      });
      expect(notAdmin.status).toBe(403);
      const bad = await http(server.baseUrl, 'POST', path, {
        token: admin,
        body: { newDepartureAt: 'tomorrow', reason: '' },
      });
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['newDepartureAt', 'reason']),
      );
      const earlier = await http(server.baseUrl, 'POST', path, {
        token: admin,
        body: { newDepartureAt: new Date(departure.getTime() - MINUTE).toISOString(), reason: 'x' },
      });
      expect([earlier.status, earlier.body.code, earlier.body.errors[0].field]).toEqual([
        422,
        'trip.delay_not_later',
        'newDepartureAt',
      ]);

      const delayed = await http(server.baseUrl, 'POST', path, {
        token: admin,
        body: { newDepartureAt: later, reason: 'Flooding on the pass' },
      });
      expect(delayed.status).toBe(200);
      expect(delayed.body).toMatchObject({
        tripId,
        departureAt: later,
        arrivalAt: new Date(departure.getTime() + (6 * 60 + 90) * MINUTE).toISOString(),
        previousDepartureAt: departure.toISOString(),
        scheduledDepartureAt: departure.toISOString(),
        delayMinutes: 90,
        reason: 'Flooding on the pass',
      });
      const freeUntil = Date.parse(delayed.body.freeCancellationUntil);
      expect(Math.abs(freeUntil - (Date.now() + 24 * 60 * MINUTE))).toBeLessThan(MINUTE);

      expect(await watcher.waitFor('trip:delayed')).toEqual({
        tripId,
        departureAt: later,
        arrivalAt: delayed.body.arrivalAt,
        previousDepartureAt: departure.toISOString(),
        delayMinutes: 90,
        reason: 'Flooding on the pass',
      });
      const trip = await http(server.baseUrl, 'GET', `/trips/${tripId}`);
      expect(trip.body).toMatchObject({
        status: 'scheduled',
        departureAt: later,
        delay: { scheduledDepartureAt: departure.toISOString(), minutes: 90 },
      });

      // The saga: every live booking follows the trip.
      const bobs = await eventually(async () => {
        const answer = await read(bob.user, bob.booking.bookingId);
        return answer.body.trip.departureAt === later ? answer.body : undefined;
      });
      expect(bobs.tripDelay).toMatchObject({
        scheduledDepartureAt: departure.toISOString(),
        delayMinutes: 90,
        reason: 'Flooding on the pass',
        freeCancellationUntil: delayed.body.freeCancellationUntil,
      });
      const alices = await eventually(async () => {
        const answer = await read(alice, pending.body.bookingId);
        return answer.body.trip.departureAt === later ? answer.body : undefined;
      });
      expect(alices.status).toBe('pending');

      const bobMail = await smtp.waitFor(
        (m) => JSON.stringify(m.to).includes(`bob.${tag}`) && !!m.subject?.startsWith('Delayed'),
      );
      expect(bobMail.text).toContain('Flooding on the pass');
      expect(bobMail.text).toContain('free of charge');
      expect(bobMail.messageId).toBe(
        `<trip-delayed.${bob.booking.bookingId}.${Date.parse(later)}@vexe.example>`,
      );
      const aliceMail = await smtp.waitFor(
        (m) => JSON.stringify(m.to).includes(`alice.${tag}`) && !!m.subject?.startsWith('Delayed'),
      );
      expect(aliceMail.text).toContain('not paid yet');
      expect(aliceMail.text).not.toContain('free of charge');

      // Free cancellation: everything back, where the tiers would give 50 %.
      const carolCancels = await http(
        server.baseUrl,
        'DELETE',
        `/bookings/${carol.booking.bookingId}?reason=too+late+for+me`,
        { token: carol.user },
      );
      expect(carolCancels.status).toBe(200);
      expect(carolCancels.body.refund).toMatchObject({
        percent: 100,
        amount: carol.booking.priceBreakdown.total,
      });

      // The e-ticket shows the new time; a scanner sees it too.
      const time = new Intl.DateTimeFormat('en-GB', {
        timeZone: server.config.catalog.timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      const ticket = await download(
        `${server.baseUrl}/bookings/${bob.booking.bookingId}/e-ticket`,
        bob.user,
      );
      const { text, qrCodes } = readPdf(ticket.body);
      expect(text).toContain(time.format(new Date(later)));
      const driver = await tokenFor(server.config, ['driver']);
      const check = await http(server.baseUrl, 'POST', '/tickets/verify', {
        token: driver,
        body: { payload: qrCodes[0] },
      });
      expect(check.body).toMatchObject({ valid: true, ticket: { departureAt: later } });

      // A second delay is counted from the scheduled departure, and mailed again.
      const evenLater = new Date(departure.getTime() + 150 * MINUTE).toISOString();
      const second = await http(server.baseUrl, 'POST', path, {
        token: admin,
        body: { newDepartureAt: evenLater, reason: 'Still flooded' },
      });
      expect(second.body).toMatchObject({ delayMinutes: 150, previousDepartureAt: later });
      await smtp.waitFor(
        (m) =>
          m.messageId ===
          `<trip-delayed.${bob.booking.bookingId}.${Date.parse(evenLater)}@vexe.example>`,
      );
      const history = await http(
        server.baseUrl,
        'GET',
        `/bookings/${bob.booking.bookingId}/history`,
        { token: bob.user },
      );
      expect(
        history.body.entries.filter((e: { type: string }) => e.type === 'BookingRescheduled'),
      ).toHaveLength(2);
    },
  );

  it('gives no free cancellation for a short delay, and refuses a delay of a cancelled trip', async () => {
    const { tripId, departure } = await tripSoon();
    const dave = await paidBooking(tripId, ['S2'], `dave.${randomUUID().slice(0, 8)}@example.com`);
    const later = new Date(departure.getTime() + 30 * MINUTE).toISOString();
    const delayed = await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/delay`, {
      token: admin,
      body: { newDepartureAt: later, reason: 'Traffic' },
    });
    expect(delayed.status).toBe(200);
    expect(delayed.body.freeCancellationUntil).toBeUndefined();
    await eventually(async () => {
      const answer = await read(dave.user, dave.booking.bookingId);
      return answer.body.trip.departureAt === later ? true : undefined;
    });
    const cancels = await http(
      server.baseUrl,
      'DELETE',
      `/bookings/${dave.booking.bookingId}?reason=plans+changed`,
      { token: dave.user },
    );
    expect(cancels.body.refund.percent).toBe(50);

    await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/cancel`, {
      token: admin,
      body: { reason: 'Road closed' },
    });
    const refused = await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/delay`, {
      token: admin,
      body: {
        newDepartureAt: new Date(departure.getTime() + 60 * MINUTE).toISOString(),
        reason: 'x',
      },
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'trip.cancelled']);
  });

  it('is seen by another API process at once: its cached trip is forgotten from the log', async () => {
    const other = await startTestServer({ REDIS_URL: '', BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      const { tripId, departure } = await tripSoon();
      // The other process reads (and caches) the trip first.
      const before = await http(other.baseUrl, 'GET', `/trips/${tripId}`);
      expect(before.body.departureAt).toBe(departure.toISOString());
      const later = new Date(departure.getTime() + 45 * MINUTE).toISOString();
      await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/delay`, {
        token: admin,
        body: { newDepartureAt: later, reason: 'Late driver' },
      });
      await eventually(async () => {
        const after = await http(other.baseUrl, 'GET', `/trips/${tripId}`);
        return after.body.departureAt === later ? true : undefined;
      }, 5_000);
      // A booking through the other process is made for the new departure.
      const erin = await tokenFor(other.config, ['user']);
      const booked = await lockAndBook(other.baseUrl, erin, tripId, ['S3']);
      expect(booked.status).toBe(201);
      expect(booked.body.trip.departureAt).toBe(later);

      // A cancellation made here is refused there, whatever that process had in memory.
      await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/cancel`, {
        token: admin,
        body: { reason: 'Road closed' },
      });
      const hold = await http(other.baseUrl, 'POST', '/seats/lock', {
        token: erin,
        body: { tripId, seatNumbers: ['S4'] },
      });
      expect([hold.status, hold.body.code]).toEqual([409, 'trip.cancelled']);
      const status = await eventually(async () => {
        const after = await http(other.baseUrl, 'GET', `/trips/${tripId}`);
        return after.body.status === 'cancelled' ? after.body.status : undefined;
      }, 5_000);
      expect(status).toBe('cancelled');
    } finally {
      await other.close();
    }
  });
});
