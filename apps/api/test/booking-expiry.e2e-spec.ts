import { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { ExpireBookingCommand } from '@app/booking-domain';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function bookingEvents(pool: Pool, bookingId: string): Promise<string[]> {
  const { rows } = await pool.query<{ type: string }>(
    'SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_position',
    [`booking-${bookingId}`],
  );
  return rows.map((r) => r.type);
}

describe('Booking expiry (2-second payment window) and completion', () => {
  let server: TestServer;
  let pool: Pool;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer(
      { BOOKING_PAYMENT_WINDOW_SECONDS: '2', BOOKING_RATE_LIMIT_PER_MINUTE: '1000' },
      { withWorker: true },
    );
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    admin = await tokenFor(server.config, ['admin']);
  });
  afterAll(async () => {
    await pool?.end(); // undefined when beforeAll failed
    await server?.close();
  });

  it('cancels an unpaid booking with reason expired, frees its seats, and shows it in history and audit', async () => {
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin);
    const created = await lockAndBook(server.baseUrl, user, tripId, ['S3', 'S4']);
    expect(created.status).toBe(201);
    const { bookingId } = created.body;
    expect(new Date(created.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(2000);

    const deadline = Date.now() + 8000;
    let booking: any;
    do {
      await sleep(100);
      booking = (await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user })).body;
    } while (booking.status === 'pending' && Date.now() < deadline);
    expect(booking).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'expired', cancelledBy: 'system' },
    });
    const seats = (await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`)).body.seats;
    expect(
      seats.filter((s: any) => ['S3', 'S4'].includes(s.seatNumber)).map((s: any) => s.status),
    ).toEqual(['available', 'available']);
    const history = await http(server.baseUrl, 'GET', `/bookings/${bookingId}/history`, {
      token: user,
    });
    expect(history.body.entries.at(-1)).toMatchObject({
      type: 'BookingCancelled',
      actor: { kind: 'system' },
      reason: 'payment window closed',
      details: { reason: 'expired' },
    });
    const confirm = await confirmBooking(server.baseUrl, user, bookingId, 'PAY-LATE');
    expect(confirm.status).toBe(409);
    expect(confirm.body.code).toBe('booking.expired');
  });

  it('a confirm racing the expiry ends in exactly one of the two, never both', async () => {
    const user = await tokenFor(server.config, ['user']);
    const tripId = await createTrip(server.baseUrl, admin, 40);
    const commands = server.app.get(CommandBus);
    const created = [];
    for (let round = 0; round < 8; round++) {
      created.push((await lockAndBook(server.baseUrl, user, tripId, [`S${round + 1}`])).body);
    }
    const outcomes = { confirmed: 0, expired: 0 };
    await Promise.all(
      created.map(async ({ bookingId, expiresAt }, round) => {
        // Both fire right at the edge of the payment window, a few ms apart from round to round.
        await sleep(new Date(expiresAt).getTime() - Date.now() - 15 + round * 4);
        const [confirm] = await Promise.all([
          http(server.baseUrl, 'POST', `/bookings/${bookingId}/confirm`, {
            token: user,
            body: { paymentReference: `PAY-${round}`, paymentMethod: 'card' },
          }),
          ...Array.from({ length: 3 }, () =>
            commands.execute(new ExpireBookingCommand(bookingId)).catch(() => undefined),
          ),
        ]);
        // Whatever the race left undecided (the confirm came too late, the expiries too early),
        // an expiry now, past the window, decides; it must never add a second outcome.
        await commands.execute(new ExpireBookingCommand(bookingId));
        const types = await bookingEvents(pool, bookingId);
        const ended = types.filter((t) => t === 'BookingConfirmed' || t === 'BookingCancelled');
        expect({ round, ended: ended.length }).toEqual({ round, ended: 1 });
        if (ended[0] === 'BookingConfirmed') {
          outcomes.confirmed++;
          expect(confirm.status).toBe(200);
        } else {
          outcomes.expired++;
          expect(confirm.status).toBe(409);
        }
      }),
    );
    expect(outcomes.confirmed + outcomes.expired).toBe(8);
  });

  it('completes a confirmed booking once its trip has arrived', async () => {
    const user = await tokenFor(server.config, ['user']);
    const departure = Date.now() + 5000; // time to book and pay first
    const tripId = await createTrip(server.baseUrl, admin, 4, {
      departureAt: new Date(departure).toISOString(),
      arrivalAt: new Date(departure + 1000).toISOString(),
    });
    const { bookingId } = (await lockAndBook(server.baseUrl, user, tripId, ['S1'])).body;
    const confirmed = await confirmBooking(server.baseUrl, user, bookingId, 'PAY-TRIP');
    expect(confirmed.status).toBe(200);
    const deadline = departure + 1000 + 8000;
    let status: string;
    do {
      await sleep(100);
      status = (await http(server.baseUrl, 'GET', `/bookings/${bookingId}`, { token: user })).body
        .status;
    } while (status !== 'completed' && Date.now() < deadline);
    expect(status).toBe('completed');
    const transitions = (await bookingEvents(pool, bookingId)).filter(
      (t) => !t.startsWith('Ticket'),
    );
    expect(transitions).toEqual(['BookingCreated', 'BookingConfirmed', 'BookingCompleted']);
  });
});
