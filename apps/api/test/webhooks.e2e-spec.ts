import { verifyWebhook } from '@app/webhooks';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { createOwnDatabase } from '../../../test/utils/own-database';
import { download, readPdf } from '../../../test/utils/pdf';
import { itWithPdfTools } from '../../../test/utils/requirements';
import { ServiceProcess, startWorkerProcess } from '../../../test/utils/service-process';
import { WebhookReceiver } from '../../../test/utils/webhook-receiver';
import { eventually } from '../../../test/utils/eventually';

/**
 * Webhooks received by a real HTTP server. Each test has a database of its own: endpoints are
 * global, and those of other tests (or of a crashed run) must not receive this one's events.
 */
describe('Webhooks', () => {
  const fast = {
    REDIS_URL: '',
    BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
    WEBHOOK_POLL_MS: '100',
    WEBHOOK_RETRY_BASE_SECONDS: '1',
    WEBHOOK_RETRY_WINDOW_SECONDS: '3',
    // Short, since a killed worker's deliveries wait for it (+5 s), yet past a busy machine's stalls.
    WEBHOOK_TIMEOUT_MS: '3000',
  };
  let receiver: WebhookReceiver;
  let hookUrl: string;
  beforeEach(async () => {
    receiver = new WebhookReceiver();
    hookUrl = await receiver.start();
  });
  afterEach(() => receiver.stop());

  async function register(server: TestServer, admin: string, events: string[]) {
    const created = await http(server.baseUrl, 'POST', '/admin/webhooks', {
      token: admin,
      body: { url: hookUrl, events, description: 'test receiver' },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  }

  it('delivers signed, in order per booking, retries a 500, and redelivers with the same id', async () => {
    const own = await createOwnDatabase('webhooks');
    const server = await startTestServer(
      { ...fast, DATABASE_URL: own.databaseUrl },
      { withWorker: true },
    );
    try {
      const admin = await tokenFor(server.config, ['admin']);
      const user = await tokenFor(server.config, ['user']);
      // Who may register, and what.
      const path = '/admin/webhooks';
      const asUser = await http(server.baseUrl, 'POST', path, {
        token: user,
        body: { url: hookUrl, events: ['booking.created'] },
      });
      expect(asUser.status).toBe(403);
      const badEvent = await http(server.baseUrl, 'POST', path, {
        token: admin,
        body: { url: hookUrl, events: ['booking.exploded'] },
      });
      expect([badEvent.status, badEvent.body.errors[0].field]).toEqual([400, 'events']);
      for (const url of ['ftp://example.com/x', 'http://user:secret@example.com/x', 'nope']) {
        const refused = await http(server.baseUrl, 'POST', path, {
          token: admin,
          body: { url, events: ['booking.created'] },
        });
        expect([url, refused.status, refused.body.code, refused.body.errors[0].field]).toEqual([
          url,
          422,
          'webhook.invalid_url',
          'url',
        ]);
      }

      const endpoint = await register(server, admin, [
        'booking.created',
        'booking.confirmed',
        'booking.cancelled',
        'trip.delayed',
      ]);
      expect(endpoint.secret).toMatch(/^whsec_/);
      const listed = await http(server.baseUrl, 'GET', path, { token: admin });
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: endpoint.id, url: hookUrl, status: 'active' }),
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(endpoint.secret);

      // The receiver fails the confirmation once: the cancellation must wait for it.
      let failedOnce = false;
      receiver.answer = (webhook) => {
        if (webhook.json.type === 'booking.confirmed' && !failedOnce) {
          failedOnce = true;
          return 500;
        }
        return 200;
      };
      const tripId = await createTrip(server.baseUrl, admin, 12);
      const booked = await lockAndBook(server.baseUrl, user, tripId, ['S1']);
      const bookingId = booked.body.bookingId as string;
      await confirmBooking(server.baseUrl, user, bookingId);
      await http(server.baseUrl, 'DELETE', `/bookings/${bookingId}?reason=plans`, { token: user });

      await receiver.waitFor((w) => w.json.type === 'booking.cancelled');
      const mine = receiver.received.filter((w) => w.json.data.bookingId === bookingId);
      expect(mine.map((w) => [w.json.type, w.answered])).toEqual([
        ['booking.created', 200],
        ['booking.confirmed', 500],
        ['booking.confirmed', 200],
        ['booking.cancelled', 200],
      ]);
      for (const webhook of mine) {
        expect(verifyWebhook(endpoint.secret, webhook, webhook.body)).toBe(true);
        expect(webhook.id).toBe(webhook.json.id);
        expect(Math.abs(Number(webhook.timestamp) * 1000 - Date.now())).toBeLessThan(60_000);
      }
      // The retry is the same message: a receiver de-duplicates on its id.
      expect(mine[1].id).toBe(mine[2].id);
      expect(mine[0].json.data).toMatchObject({
        bookingId,
        reference: booked.body.bookingReference,
        tripId,
        channel: 'user',
        seatNumbers: ['S1'],
      });
      expect(mine[3].json.data).toMatchObject({ refund: { percent: 90 }, reason: 'plans' });
      // No personal data leaves this way.
      const everything = mine.map((w) => w.body).join('\n');
      for (const passenger of booked.body.passengers) {
        expect(everything).not.toContain(passenger.fullName);
      }

      const deliveries = await http(
        server.baseUrl,
        'GET',
        `${path}/${endpoint.id}/deliveries?limit=10`,
        { token: admin },
      );
      expect(deliveries.status).toBe(200);
      const confirmation = deliveries.body.items.find(
        (d: { eventType: string }) => d.eventType === 'booking.confirmed',
      );
      expect(confirmation).toMatchObject({
        status: 'succeeded',
        attempts: 2,
        lastStatusCode: 200,
        messageId: mine[1].id,
      });

      // Redelivery: the same message again.
      const cancellation = deliveries.body.items.find(
        (d: { eventType: string }) => d.eventType === 'booking.cancelled',
      );
      const again = await http(
        server.baseUrl,
        'POST',
        `${path}/${endpoint.id}/deliveries/${cancellation.id}/redeliver`,
        { token: admin },
      );
      expect([again.status, again.body.status]).toEqual([202, 'pending']);
      await eventually(async () =>
        receiver.accepted.filter((w) => w.id === cancellation.messageId).length === 2
          ? true
          : undefined,
      );

      // A trip's delay reaches those subscribed to it.
      const trip = await http(server.baseUrl, 'GET', `/trips/${tripId}`);
      const later = new Date(Date.parse(trip.body.departureAt) + 30 * 60_000).toISOString();
      await http(server.baseUrl, 'POST', `/admin/trips/${tripId}/delay`, {
        token: admin,
        body: { newDepartureAt: later, reason: 'Traffic' },
      });
      const delayed = await receiver.waitFor((w) => w.json.type === 'trip.delayed');
      expect(delayed.json.data).toMatchObject({ tripId, departureAt: later, delayMinutes: 30 });

      // On /metrics: the outbox by status and the failed attempt.
      const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
      const value = (series: string) =>
        Number(new RegExp(`^${series.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(metrics)?.[1]);
      expect(value('webhook_deliveries{status="succeeded"}')).toBe(4);
      expect(value('webhook_deliveries{status="pending"}')).toBe(0);
      expect(value('webhook_delivery_failures_total')).toBe(1);
      expect(value('webhook_oldest_pending_seconds')).toBe(0);

      const deleted = await http(server.baseUrl, 'DELETE', `${path}/${endpoint.id}`, {
        token: admin,
      });
      expect(deleted.status).toBe(204);
      expect(
        (await http(server.baseUrl, 'GET', `${path}/${endpoint.id}/deliveries`, { token: admin }))
          .body.code,
      ).toBe('webhook.not_found');
    } finally {
      await server.close();
      await own.drop();
    }
  }, 60_000);

  it('disables an endpoint failing for the whole retry window; an admin enables it and it catches up', async () => {
    const own = await createOwnDatabase('webhooks_disable');
    const server = await startTestServer(
      { ...fast, DATABASE_URL: own.databaseUrl },
      { withWorker: true },
    );
    try {
      const admin = await tokenFor(server.config, ['admin']);
      const user = await tokenFor(server.config, ['user']);
      const endpoint = await register(server, admin, ['booking.created']);
      receiver.answer = () => 503;
      const tripId = await createTrip(server.baseUrl, admin, 12);
      await lockAndBook(server.baseUrl, user, tripId, ['S1']);
      const disabled = await eventually(async () => {
        const list = await http(server.baseUrl, 'GET', '/admin/webhooks', { token: admin });
        const found = list.body.items.find((e: { id: string }) => e.id === endpoint.id);
        return found.status === 'disabled' ? found : undefined;
      }, 20_000);
      expect(disabled.disabledReason).toContain('HTTP 503');
      const failed = await http(
        server.baseUrl,
        'GET',
        `/admin/webhooks/${endpoint.id}/deliveries?status=failed`,
        { token: admin },
      );
      expect(failed.body.items).toHaveLength(1);
      expect(failed.body.items[0].attempts).toBeGreaterThanOrEqual(2);

      // Disabled: a new booking is kept for it, not sent.
      const attempts = receiver.received.length;
      await lockAndBook(server.baseUrl, user, tripId, ['S2']);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(receiver.received.length).toBe(attempts);

      receiver.answer = () => 200;
      const enabled = await http(server.baseUrl, 'POST', `/admin/webhooks/${endpoint.id}/enable`, {
        token: admin,
      });
      expect(enabled.body.status).toBe('active');
      await receiver.waitFor((w) => w.answered === 200 && w.json.data.seatNumbers?.[0] === 'S2');
      await http(
        server.baseUrl,
        'POST',
        `/admin/webhooks/${endpoint.id}/deliveries/${failed.body.items[0].id}/redeliver`,
        { token: admin },
      );
      await receiver.waitFor((w) => w.answered === 200 && w.json.data.seatNumbers?.[0] === 'S1');
    } finally {
      await server.close();
      await own.drop();
    }
  }, 60_000);

  it('sends a message again with the same id after the worker died while sending it', async () => {
    const own = await createOwnDatabase('webhooks_restart');
    const settings = {
      ...fast,
      DATABASE_URL: own.databaseUrl,
      WEBHOOK_RETRY_WINDOW_SECONDS: '600',
    };
    const server = await startTestServer(settings);
    const workerEnv = {
      ...settings,
      WORKER_GROUP: server.config.worker.group,
      DATA_DIR: server.config.dataDir,
    };
    let worker: ServiceProcess | undefined = await startWorkerProcess(workerEnv);
    try {
      const admin = await tokenFor(server.config, ['admin']);
      const user = await tokenFor(server.config, ['user']);
      await register(server, admin, ['booking.created', 'booking.confirmed']);
      // The receiver takes the creation and never answers it: the worker dies meanwhile.
      receiver.answer = () => 'hang';
      const tripId = await createTrip(server.baseUrl, admin, 12);
      const booked = await lockAndBook(server.baseUrl, user, tripId, ['S1']);
      await confirmBooking(server.baseUrl, user, booked.body.bookingId);
      await eventually(async () => (receiver.received.length > 0 ? true : undefined));
      worker.child.kill('SIGKILL');
      await new Promise((resolve) => worker!.child.once('exit', resolve));
      worker = undefined;
      expect(receiver.received.map((w) => w.json.type)).toEqual(['booking.created']);

      receiver.answer = () => 200;
      worker = await startWorkerProcess(workerEnv);
      // After the dead worker's lease runs out: the same message, then the next of the booking.
      const confirmed = await receiver.waitFor((w) => w.json.type === 'booking.confirmed', 30_000);
      const sent = receiver.received.map((w) => [w.json.type, w.id]);
      expect(sent).toEqual([
        ['booking.created', receiver.received[0].id],
        ['booking.created', receiver.received[0].id],
        ['booking.confirmed', confirmed.id],
      ]);
    } finally {
      await worker?.stop();
      await server.close();
      await own.drop();
    }
  }, 60_000);

  itWithPdfTools(
    'tells of a passenger boarding: the seat and the time, no name',
    async () => {
      const own = await createOwnDatabase('webhooks_boarding');
      // Test trips leave in 48 h; boarding opens 49 h before departure here (default: 1 h).
      const server = await startTestServer(
        { ...fast, DATABASE_URL: own.databaseUrl, BOARDING_WINDOW_MINUTES_BEFORE: String(49 * 60) },
        { withWorker: true },
      );
      try {
        const admin = await tokenFor(server.config, ['admin']);
        const user = await tokenFor(server.config, ['user']);
        const driver = await tokenFor(server.config, ['driver']);
        await register(server, admin, ['ticket.boarded']);
        const tripId = await createTrip(server.baseUrl, admin, 12);
        const booked = await lockAndBook(server.baseUrl, user, tripId, ['S3', 'S4']);
        const bookingId = booked.body.bookingId as string;
        await confirmBooking(server.baseUrl, user, bookingId);
        const ticket = await download(`${server.baseUrl}/bookings/${bookingId}/e-ticket`, user);
        const { qrCodes } = readPdf(ticket.body);
        const boarded = await http(server.baseUrl, 'POST', '/tickets/verify', {
          token: driver,
          body: { payload: qrCodes[1], board: true, tripId },
        });
        expect(boarded.status).toBe(200);
        expect(['S3', 'S4']).toContain(boarded.body.ticket.seatNumber);

        const webhook = await receiver.waitFor((w) => w.json.type === 'ticket.boarded');
        expect(webhook.json.data).toEqual({
          bookingId,
          reference: booked.body.bookingReference,
          tripId,
          seatNumber: boarded.body.ticket.seatNumber,
          boardedAt: boarded.body.boardedAt,
        });
        // Only the boarding was subscribed to; one passenger boarded, one message.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(receiver.received.map((w) => w.json.type)).toEqual(['ticket.boarded']);
      } finally {
        await server.close();
        await own.drop();
      }
    },
    60_000,
  );

  it('refuses private and loopback destinations where they are not allowed (production default)', async () => {
    const server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' });
    try {
      const admin = await tokenFor(server.config, ['admin']);
      for (const url of [
        hookUrl,
        'http://localhost:9/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
      ]) {
        const refused = await http(server.baseUrl, 'POST', '/admin/webhooks', {
          token: admin,
          body: { url, events: ['booking.created'] },
        });
        expect([url, refused.status, refused.body.code]).toEqual([url, 422, 'webhook.invalid_url']);
      }
    } finally {
      await server.close();
    }
  });
});
