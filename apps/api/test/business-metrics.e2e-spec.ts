import { Client } from 'pg';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';
import { createOwnDatabase } from '../../../test/utils/own-database';

/** /metrics counts the business, read from the log and read models every process shares. */
describe('Business metrics', () => {
  let server: TestServer;
  let dropDatabase: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // A database of its own: the gauges count every hold and booking in it, and the suites running
    // beside this one hold, book and let holds expire in the shared one.
    const own = await createOwnDatabase('business_metrics');
    dropDatabase = own.drop;
    server = await startTestServer({
      DATABASE_URL: own.databaseUrl,
      BOOKING_RATE_LIMIT_PER_MINUTE: '1000',
    });
  });
  afterAll(async () => {
    await server?.close();
    await dropDatabase?.();
  });

  const scrapeOf = (of: TestServer) => async () => {
    const text = await (await fetch(`${of.baseUrl}/metrics`)).text();
    return (series: string, missing = 0) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : missing;
    };
  };
  const scrape = () => scrapeOf(server)();

  it('moves with holds, bookings, confirmations, cancellations and refunds', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 12);
    const user = await tokenFor(server.config, ['user']);
    const before = await scrape();

    const hold = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: user,
      body: { tripId, seatNumbers: ['S9'] },
    });
    expect(hold.status).toBe(201);
    const booked = await lockAndBook(server.baseUrl, user, tripId, ['S5']);
    const { bookingId } = booked.body;
    await confirmBooking(server.baseUrl, user, bookingId, 'PAY-METRICS');
    const cancelled = await http(server.baseUrl, 'DELETE', `/bookings/${bookingId}`, {
      token: user,
    });
    expect(cancelled.status).toBe(200);
    const refunded = cancelled.body.refund.amount.amount as number;
    expect(refunded).toBeGreaterThan(0);

    const after = await scrape();
    const moved = (series: string) => after(series) - before(series);
    expect(moved('seat_holds_active')).toBe(1); // S9; S5's hold became the booking
    expect(moved('domain_events_total{type="SeatsLocked"}')).toBe(2);
    expect(moved('domain_events_total{type="BookingCreated"}')).toBe(1);
    expect(moved('domain_events_total{type="BookingConfirmed"}')).toBe(1);
    expect(moved('domain_events_total{type="BookingCancelled"}')).toBe(1);
    expect(moved('bookings{status="cancelled",channel="user"}')).toBe(1);
    expect(moved('booking_refunds_minor_units{currency="VND"}')).toBe(refunded);
  });

  it('shows how far each durable subscription is behind the log, in events and seconds', async () => {
    // Its own database too: the lag of a subscription is counted to the end of the log, which
    // the other suites keep moving in the shared one.
    const own = await createOwnDatabase('business_metrics_lag');
    const withWorker = await startTestServer(
      { DATABASE_URL: own.databaseUrl },
      { withWorker: true },
    );
    const db = new Client({ connectionString: withWorker.config.database.url });
    await db.connect();
    const stalled = `test.stalled-${Date.now()}`;
    try {
      // A subscription that stopped a while ago at the start of the log: far behind.
      await db.query(
        `INSERT INTO subscription_checkpoints (subscription_id, updated_at)
         VALUES ($1, now() - interval '1 hour')`,
        [stalled],
      );
      const admin = await tokenFor(withWorker.config, ['admin']);
      await createTrip(withWorker.baseUrl, admin, 4); // something for the worker to read
      const running = `worker.tickets@${withWorker.config.worker.group}`;
      const deadline = Date.now() + 10_000;
      let read = await scrapeOf(withWorker)();
      const shown = (series: string) => read(series, Infinity);
      while (shown(`event_subscription_lag_events{subscription="${running}"}`) > 0) {
        if (Date.now() > deadline) throw new Error('the worker did not catch up');
        await new Promise((r) => setTimeout(r, 200));
        read = await scrapeOf(withWorker)();
      }
      expect(read(`event_subscription_lag_events{subscription="${stalled}"}`)).toBeGreaterThan(0);
      expect(read(`event_subscription_lag_seconds{subscription="${stalled}"}`)).toBeGreaterThan(0);
      expect(shown(`event_subscription_lag_seconds{subscription="${running}"}`)).toBe(0);
    } finally {
      await db.query('DELETE FROM subscription_checkpoints WHERE subscription_id = $1', [stalled]);
      await db.end();
      await withWorker.close();
      await own.drop();
    }
  });
});
