import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';

/** /metrics counts the business, read from the log and read models every process shares. */
describe('Business metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => server?.close());

  const scrape = async () => {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    return (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    };
  };

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
    await http(server.baseUrl, 'POST', `/bookings/${bookingId}/confirm`, {
      token: user,
      body: { paymentReference: 'PAY-METRICS', paymentMethod: 'card' },
    });
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
});
