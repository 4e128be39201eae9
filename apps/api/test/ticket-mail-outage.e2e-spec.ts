import { Client } from 'pg';
import { startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { createOwnDatabase } from '../../../test/utils/own-database';
import { DisposableRedis } from '../../../test/utils/redis-server';
import { describeWithRedisServer } from '../../../test/utils/requirements';
import { ServiceProcess, startWorkerProcess } from '../../../test/utils/service-process';
import { TestSmtpServer } from '../../../test/utils/smtp';
import { freePort } from '../../../test/utils/ports';
import { eventually } from '../../../test/utils/eventually';

const BOOKINGS = 5;

/**
 * Issue 17, hole 4: e-ticket mails being retried when Redis and the worker died were never sent.
 * The mail owed is in the booking's log; the worker's sweep queues it again.
 */
describeWithRedisServer('E-ticket mails when Redis and the worker die mid-retry', () => {
  let redis: DisposableRedis;
  let server: TestServer;
  let worker: ServiceProcess | undefined;
  let smtp: TestSmtpServer | undefined;
  let db: Client;
  let dropDatabase: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await redis?.kill();
    await smtp?.stop();
    await db?.end();
    await dropDatabase?.();
  });

  it('sends every owed ticket once Redis and a worker are back, each exactly once', async () => {
    redis = new DisposableRedis();
    await redis.start();
    const smtpPort = await freePort(); // nothing listens yet: every attempt fails
    // A database of its own: this worker's sweep looks at every booking in it.
    const own = await createOwnDatabase('ticket_mail_outage');
    dropDatabase = own.drop;
    const settings = {
      DATABASE_URL: own.databaseUrl,
      REDIS_URL: redis.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      // the retry waits in Redis long after the crash
      TICKET_EMAIL_BACKOFF_MS: '600000',
      TICKET_EMAIL_ATTEMPTS: '5',
      SWEEP_INTERVAL_SECONDS: '1',
      TICKET_MAIL_SWEEP_AFTER_SECONDS: '2',
      BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
    };
    server = await startTestServer(settings);
    const workerEnv = { ...settings, WORKER_GROUP: server.config.worker.group };
    worker = await startWorkerProcess(workerEnv);
    db = new Client({ connectionString: server.config.database.url });
    await db.connect();

    const admin = await tokenFor(server.config, ['admin']);
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin, BOOKINGS);
    const bookings: { bookingId: string; email: string }[] = [];
    for (let i = 1; i <= BOOKINGS; i++) {
      const email = `outage.${i}.${Date.now()}@example.com`;
      const created = await lockAndBook(server.baseUrl, user, tripId, [`S${i}`], {
        contact: { email, phone: '+84912000111' },
      });
      expect(created.status).toBe(201);
      const { bookingId } = created.body as { bookingId: string };
      const confirmed = await confirmBooking(server.baseUrl, user, bookingId);
      expect(confirmed.status).toBe(200);
      bookings.push({ bookingId, email });
    }
    const ids = bookings.map((b) => b.bookingId);
    const countOf = async (type: string, extra = '') =>
      Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(DISTINCT data->>'bookingId') AS n FROM events
              WHERE type = $1 AND data->>'bookingId' = ANY($2) ${extra}`,
            [type, ids],
          )
        ).rows[0].n,
      );

    // Mid-retry: every first attempt failed, the retries wait in Redis
    await eventually(
      async () =>
        (await countOf('TicketEmailFailed', "AND data->>'willRetry' = 'true'")) === BOOKINGS
          ? true
          : undefined,
      30_000,
    );
    worker.child.kill('SIGKILL');
    await redis.kill();
    await worker.stop();
    worker = undefined;

    // Everything comes back empty-handed: a new Redis (nothing kept), a new worker, mail works
    smtp = new TestSmtpServer(smtpPort);
    await smtp.start();
    redis = new DisposableRedis(redis.port);
    await redis.start();
    worker = await startWorkerProcess(workerEnv);

    for (const { email } of bookings) {
      await smtp.waitFor(
        (mail) => mail.to !== undefined && JSON.stringify(mail.to).includes(email),
        30_000,
      );
    }
    await eventually(
      async () => ((await countOf('TicketEmailed')) === BOOKINGS ? true : undefined),
      10_000,
    );
    // The sweep keeps running; a sent mail is not owed any more: one per booking
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const { bookingId, email } of bookings) {
      const received = smtp.received.filter((mail) => JSON.stringify(mail.to).includes(email));
      expect([email, received.length]).toEqual([email, 1]);
      // Had a crash made it go twice, the copy would carry the same Message-ID: a duplicate.
      expect(received[0].messageId).toBe(`<ticket.${bookingId}.confirmation@vexe.example>`);
    }
  }, 120_000);
});
