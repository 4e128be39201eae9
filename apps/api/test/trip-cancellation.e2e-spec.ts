import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { http, startTestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { createOwnDatabase } from '../../../test/utils/own-database';
import { freePort } from '../../../test/utils/ports';
import { SeatFeedClient } from '../../../test/utils/seat-feed-client';
import { ServiceProcess, startWorkerProcess } from '../../../test/utils/service-process';
import { TestSmtpServer } from '../../../test/utils/smtp';
import { eventually } from '../../../test/utils/eventually';

/** POST /admin/trips/{tripId}/cancel and the worker's saga that cancels the trip's bookings. */
describe('Cancelling a trip', () => {
  let smtp: TestSmtpServer;
  const clients: SeatFeedClient[] = [];
  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    await smtp.start();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => smtp?.stop());

  it('ends holds, refuses new ones, cancels every booking (paid ones refunded in full) and mails each', async () => {
    const server = await startTestServer(
      { SMTP_URL: smtp.url, REDIS_URL: '', BOOKING_RATE_LIMIT_PER_MINUTE: '1000' },
      { withWorker: true },
    );
    try {
      const admin = await tokenFor(server.config, ['admin']);
      const tripId = await createTrip(server.baseUrl, admin, 12);
      const tag = randomUUID().slice(0, 8);
      const alice = await tokenFor(server.config, ['user']);
      const bob = await tokenFor(server.config, ['user']);
      const dave = await tokenFor(server.config, ['user']);
      const pending = await lockAndBook(server.baseUrl, alice, tripId, ['S1'], {
        contact: { email: `alice.${tag}@example.com`, phone: '+84912000111' },
      });
      const paid = await lockAndBook(server.baseUrl, bob, tripId, ['S5', 'S6'], {
        contact: { email: `bob.${tag}@example.com`, phone: '+84912000222' },
      });
      const confirmed = await confirmBooking(
        server.baseUrl,
        bob,
        paid.body.bookingId,
        `PAY-${tag}`,
      );
      expect(confirmed.status).toBe(200);
      const hold = await http(server.baseUrl, 'POST', '/seats/lock', {
        token: dave,
        body: { tripId, seatNumbers: ['S9'] },
      });
      expect(hold.status).toBe(201);

      const watcher = new SeatFeedClient(server.baseUrl, { token: dave });
      clients.push(watcher);
      await watcher.emit('subscribe', { tripId });

      const path = `/admin/trips/${tripId}/cancel`;
      const notAdmin = await http(server.baseUrl, 'POST', path, {
        token: alice,
        body: { reason: 'x' },
      });
      expect(notAdmin.status).toBe(403);
      const noReason = await http(server.baseUrl, 'POST', path, { token: admin, body: {} });
      expect([noReason.status, noReason.body.errors[0].field]).toEqual([400, 'reason']);

      const cancelled = await http(server.baseUrl, 'POST', path, {
        token: admin,
        body: { reason: 'Road closed by a landslide' },
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ tripId, status: 'cancelled', holdsReleased: 1 });

      // The feed: Dave's hold ended, then the trip's cancellation.
      await watcher.waitFor(
        'holds:changed',
        (c) => c.change === 'released' && c.lockId === hold.body.lockId,
      );
      expect(await watcher.waitFor('trip:cancelled')).toEqual({
        tripId,
        reason: 'Road closed by a landslide',
        cancelledAt: cancelled.body.cancelledAt,
      });

      // Nothing more is held, booked or waited for; cancelling again is refused.
      const again = await http(server.baseUrl, 'POST', '/seats/lock', {
        token: dave,
        body: { tripId, seatNumbers: ['S10'] },
      });
      expect([again.status, again.body.code]).toEqual([409, 'trip.cancelled']);
      const waiting = await http(server.baseUrl, 'POST', `/trips/${tripId}/waitlist`, {
        token: dave,
        body: { seats: 1, contact: { email: 'dave@example.com' } },
      });
      expect(waiting.body.code).toBe('trip.cancelled');
      expect(
        (await http(server.baseUrl, 'POST', path, { token: admin, body: { reason: 'again' } })).body
          .code,
      ).toBe('trip.cancelled');
      const trip = await http(server.baseUrl, 'GET', `/trips/${tripId}`);
      expect(trip.body).toMatchObject({
        status: 'cancelled',
        cancellation: { reason: 'Road closed by a landslide' },
      });

      // The saga: both bookings cancelled; the paid one refunded in full.
      const bookingOf = (token: string, bookingId: string) =>
        http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token });
      const bobs = await eventually(async () => {
        const read = await bookingOf(bob, paid.body.bookingId);
        return read.body.status === 'cancelled' ? read.body : undefined;
      });
      expect(bobs.cancellation).toMatchObject({
        reason: 'trip_cancelled',
        refund: { amount: paid.body.priceBreakdown.total, percent: 100 },
      });
      expect(bobs.paymentStatus).toBe('refunded');
      const alices = await eventually(async () => {
        const read = await bookingOf(alice, pending.body.bookingId);
        return read.body.status === 'cancelled' ? read.body : undefined;
      });
      expect(alices.cancellation.refund.percent).toBe(0);

      const bobMail = await smtp.waitFor(
        (m) => JSON.stringify(m.to).includes(`bob.${tag}`) && !!m.subject?.startsWith('Cancelled'),
      );
      expect(bobMail.subject).toMatch(/^Cancelled: /);
      expect(bobMail.text).toContain('Road closed by a landslide');
      expect(bobMail.text).toContain('is refunded');
      expect(bobMail.messageId).toBe(`<trip-cancelled.${paid.body.bookingId}@vexe.example>`);
      const aliceMail = await smtp.waitFor(
        (m) =>
          JSON.stringify(m.to).includes(`alice.${tag}`) && !!m.subject?.startsWith('Cancelled'),
      );
      expect(aliceMail.text).toContain('nothing to refund');

      // Bob's e-tickets are revoked for scanners.
      const driver = await tokenFor(server.config, ['driver']);
      const revocations = await http(
        server.baseUrl,
        'GET',
        `/tickets/revocations?since=2000-01-01T00:00:00Z&tripId=${tripId}`,
        {
          token: driver,
        },
      );
      expect(revocations.status).toBe(200);
      expect(JSON.stringify(revocations.body)).toContain(bobs.passengers[0].passengerId);
    } finally {
      await server.close();
    }
  });

  it('finishes after the worker is killed halfway, cancelling and refunding each booking once', async () => {
    const own = await createOwnDatabase('trip_cancellation');
    const settings = {
      DATABASE_URL: own.databaseUrl,
      REDIS_URL: '',
      SMTP_URL: smtp.url,
      BOOKING_RATE_LIMIT_PER_MINUTE: '10000',
      MAX_SEATS_PER_BOOKING: '5',
    };
    const server = await startTestServer(settings);
    const workerEnv = {
      ...settings,
      WORKER_GROUP: server.config.worker.group,
      DATA_DIR: server.config.dataDir,
    };
    let worker: ServiceProcess | undefined = await startWorkerProcess(workerEnv);
    const db = new Client({ connectionString: own.databaseUrl });
    const blocker = new Client({ connectionString: own.databaseUrl });
    await db.connect();
    try {
      const admin = await tokenFor(server.config, ['admin']);
      const tripId = await createTrip(server.baseUrl, admin, 40);
      const bookingIds: string[] = [];
      for (let i = 1; i <= 40; i++) {
        const user = await tokenFor(server.config, ['user']);
        const booked = await lockAndBook(server.baseUrl, user, tripId, [`S${i}`]);
        expect(booked.status).toBe(201);
        bookingIds.push(booked.body.bookingId);
        if (i > 20 && i % 2 === 0) {
          await confirmBooking(server.baseUrl, user, booked.body.bookingId, `PAY-${i}`);
        }
      }
      const cancellations = async () =>
        Number(
          (
            await db.query(
              `SELECT count(*) FROM events WHERE type = 'BookingCancelled'
                 AND data->>'bookingId' = ANY($1)`,
              [bookingIds],
            )
          ).rows[0].count,
        );

      // The saga cancels the bookings in the order they were made. A paid booking's cancellation
      // revokes its e-tickets in the same statement; with that table locked (a lock that holds
      // back no subscription: it takes no transaction id), the worker stops at the first paid
      // booking, the 22nd, with its cancellation in flight and 21 done, and is killed there.
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE ticket_revocations IN SHARE MODE');
      const cancelled = await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/cancel`, {
        token: admin,
        body: { reason: 'Bus broke down' },
      });
      expect(cancelled.status).toBe(200);
      await eventually(async () => ((await cancellations()) === 21 ? true : undefined), 15_000);
      const waitingOnTheLock = async () =>
        (
          await db.query(
            `SELECT FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rowCount! > 0;
      await eventually(async () => ((await waitingOnTheLock()) ? true : undefined), 15_000);
      worker.child.kill('SIGKILL');
      await new Promise((r) => worker!.child.once('exit', r));
      worker = undefined;
      expect(await cancellations()).toBe(21);
      // Postgres may still commit the statement in flight once the lock is gone (its client is
      // dead): the next worker must then leave that booking as it is.
      await blocker.query('ROLLBACK');

      worker = await startWorkerProcess(workerEnv);
      await eventually(async () => ((await cancellations()) === 40 ? true : undefined), 30_000);
      // Each booking cancelled exactly once; each paid one refunded its whole price once.
      const { rows } = await db.query<{ booking_id: string; n: string | number; percent: number }>(
        `SELECT data->>'bookingId' AS booking_id, count(*) AS n,
                max((data->'refund'->>'percent')::int) AS percent
           FROM events WHERE type = 'BookingCancelled' AND data->>'bookingId' = ANY($1)
          GROUP BY 1`,
        [bookingIds],
      );
      expect(rows).toHaveLength(40);
      expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
      const confirmedIds = new Set(bookingIds.filter((_, i) => i >= 20 && i % 2 === 1));
      for (const row of rows) {
        expect([row.booking_id, row.percent]).toEqual([
          row.booking_id,
          confirmedIds.has(row.booking_id) ? 100 : 0,
        ]);
      }
      const mails = await eventually(async () => {
        const sent = smtp.received.filter((m) =>
          bookingIds.some((id) => m.messageId === `<trip-cancelled.${id}@vexe.example>`),
        );
        return new Set(sent.map((m) => m.messageId)).size === 40 ? sent : undefined;
      });
      expect(mails.every((m) => m.subject?.startsWith('Cancelled: '))).toBe(true);
    } finally {
      await blocker.end(); // releases the lock, should the test fail while holding it
      await worker?.stop();
      await db.end();
      await server.close();
      await own.drop();
    }
  }, 120_000);
});
