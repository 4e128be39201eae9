import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { OtlpReceiver, ReceivedSpan } from '../../../test/utils/otlp-receiver';
import { freePort } from '../../../test/utils/ports';
import { describeWithRedis } from '../../../test/utils/requirements';
import {
  ServiceProcess,
  startApiProcess,
  startWorkerProcess,
} from '../../../test/utils/service-process';
import { TestSmtpServer } from '../../../test/utils/smtp';

const SERVER = 2; // OTLP SpanKind
const CONSUMER = 5;

/** The span's ancestors in `spans`, nearest first. */
function ancestorsOf(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
  const chain: ReceivedSpan[] = [];
  for (let at = span; at.parentSpanId;) {
    const parent = byId.get(`${at.traceId}/${at.parentSpanId}`);
    if (!parent) break;
    chain.push(parent);
    at = parent;
  }
  return chain;
}

/**
 * Production shape, traced: the API and the worker as separate processes started from dist/
 * (so the SDK is registered the way `node dist/apps/.../main.js` does it), exporting to a real
 * OTLP/HTTP receiver in this process. A booking confirmed through the API and its e-ticket mail
 * sent by the worker are one trace, carried across by the event's metadata and the job's data.
 */
describeWithRedis('OpenTelemetry traces across the API and the worker', () => {
  const receiver = new OtlpReceiver();
  const processes: ServiceProcess[] = [];
  let smtp: TestSmtpServer;
  let db: Client;
  let apiUrl: string;

  beforeAll(async () => {
    await receiver.start();
    smtp = new TestSmtpServer(await freePort());
    await smtp.start();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    const env = {
      NODE_ENV: 'test',
      // A group new to the database: its subscriptions start at the end of the log.
      WORKER_GROUP: `test-${randomUUID().slice(0, 8)}`,
      SMTP_URL: smtp.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      // Nothing is exported on a timer during the test: what arrives is flushed at shutdown.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    };
    const started = await Promise.allSettled([startApiProcess(port, env), startWorkerProcess(env)]);
    for (const s of started) if (s.status === 'fulfilled') processes.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await smtp?.stop();
    await db?.end();
    await receiver.stop();
  });

  it('joins the confirmation request and its ticket e-mail in one trace', async () => {
    const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    const admin = await tokenFor(config, ['admin']);
    const user = await tokenFor(config, ['user']);
    const tripId = await createTrip(apiUrl, admin);
    const contact = `traced.${randomUUID().slice(0, 8)}@example.com`;
    const booked = await lockAndBook(apiUrl, user, tripId, ['S4'], {
      contact: { email: contact, phone: '+84912000111' },
    });
    expect(booked.status).toBe(201);
    const { bookingId, bookingReference } = booked.body;
    const confirmed = await confirmBooking(apiUrl, user, bookingId);
    expect(confirmed.status).toBe(200);
    await smtp.waitFor((m) => m.subject?.includes(bookingReference) ?? false, 30_000);

    // The event carries the trace context of the request that appended it.
    const { rows } = await db.query<{ metadata: { traceparent?: string } }>(
      `SELECT metadata FROM events WHERE stream_id = $1 AND type = 'BookingConfirmed'`,
      [`booking-${bookingId}`],
    );
    expect(rows).toHaveLength(1);
    const traceparent = rows[0].metadata.traceparent!;
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);

    // Spans wait in the processes' buffers until the graceful shutdown exports them.
    const beforeShutdown = receiver.spans.length;
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    expect(receiver.refused).toEqual([]);
    expect(receiver.spans.length).toBeGreaterThan(beforeShutdown);
    const spans = receiver.spans;

    const confirm = spans.find(
      (s) =>
        s.service === 'bus-booking' &&
        s.kind === SERVER &&
        s.name === 'POST /bookings/:bookingId/confirm' &&
        traceparent.includes(s.traceId),
    );
    expect(confirm).toBeDefined();
    expect(confirm!.attributes['http.route']).toBe('/bookings/:bookingId/confirm');
    expect(traceparent).toBe(`00-${confirm!.traceId}-${confirm!.spanId}-01`);

    const trace = spans.filter((s) => s.traceId === confirm!.traceId);
    expect(new Set(trace.map((s) => s.service))).toEqual(
      new Set(['bus-booking', 'bus-booking-worker']),
    );
    // The worker: the tickets subscription handled the event, and its job sent the mail.
    const mailJob = trace.find(
      (s) => s.service === 'bus-booking-worker' && s.name === 'job ticket-email',
    );
    expect(mailJob).toBeDefined();
    expect(mailJob!.kind).toBe(CONSUMER);
    expect(String(mailJob!.attributes['messaging.message.id'])).toContain(bookingId);
    const chain = ancestorsOf(mailJob!, trace);
    expect(chain.map((s) => [s.service, s.name])).toEqual([
      ['bus-booking-worker', expect.stringMatching(/^worker\.tickets@test-.+ BookingConfirmed$/)],
      ['bus-booking', 'POST /bookings/:bookingId/confirm'],
    ]);

    // HTTP, SQL and Redis spans on both sides.
    const isPg = (s: ReceivedSpan) => s.attributes['db.system.name'] === 'postgresql';
    const isRedis = (s: ReceivedSpan) => s.attributes['db.system.name'] === 'redis';
    expect(trace.some((s) => s.service === 'bus-booking' && isPg(s))).toBe(true);
    expect(trace.some((s) => s.service === 'bus-booking-worker' && isPg(s))).toBe(true);
    expect(trace.some((s) => s.service === 'bus-booking-worker' && isRedis(s))).toBe(true);
    expect(
      spans.some(
        (s) => s.service === 'bus-booking' && isRedis(s) && s.traceId !== confirm!.traceId,
      ),
    ).toBe(true); // the seat hold's trip mutex, in the hold request's trace
    expect(spans.some((s) => s.kind === SERVER && s.name === 'POST /seats/lock')).toBe(true);
    // Redis spans name the command only, never its keys or values.
    const redisTexts = spans.filter(isRedis).map((s) => s.attributes['db.query.text']);
    expect(redisTexts.every((text) => /^[a-z]+$/.test(String(text)))).toBe(true);
    // Probes are not traced.
    expect(spans.some((s) => String(s.attributes['url.path'] ?? '').startsWith('/health'))).toBe(
      false,
    );
  });
});
