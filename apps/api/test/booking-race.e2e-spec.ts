import { Pool } from 'pg';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { bookingRequest, confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { createTrip } from '../../../test/utils/catalog';

/**
 * Bookings and cancellations of one trip racing through one API instance: its seat writer
 * queues the trip's decisions, each booking's with its own append.
 */
describe('Bookings under a race', () => {
  let server: TestServer;
  let pool: Pool;

  beforeAll(async () => {
    server = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '10000' });
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await server?.close();
  });

  const allocationEvents = async (tripId: string) =>
    (
      await pool.query<{ type: string; data: { seatNumbers: string[]; bookingId: string } }>(
        'SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_position',
        [`seat-allocation-${tripId}`],
      )
    ).rows;

  it('books and cancels at once: every booking once, each seat to one booking', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 40);
    const users = await Promise.all(
      Array.from({ length: 35 }, () => tokenFor(server.config, ['user'])),
    );
    // Five bookings to cancel during the race, and thirty holds to book in it.
    const toCancel = await Promise.all(
      users.slice(30).map(async (token, i) => {
        const booked = await lockAndBook(server.baseUrl, token, tripId, [`S${31 + i}`]);
        expect(booked.status).toBe(201);
        return { token, bookingId: booked.body.bookingId as string };
      }),
    );
    await Promise.all(
      users.slice(0, 30).map(async (token, i) => {
        const lock = await http(server.baseUrl, 'POST', '/seats/lock', {
          token,
          body: { tripId, seatNumbers: [`S${i + 1}`] },
        });
        expect(lock.status).toBe(201);
      }),
    );

    const [bookings, cancellations] = await Promise.all([
      Promise.all(
        users.slice(0, 30).map((token, i) =>
          http(server.baseUrl, 'POST', '/bookings', {
            token,
            body: bookingRequest(tripId, [`S${i + 1}`]),
          }),
        ),
      ),
      Promise.all(
        toCancel.map(({ token, bookingId }) =>
          http(server.baseUrl, 'DELETE', `/bookings/${bookingId}`, { token }),
        ),
      ),
    ]);
    expect(bookings.map((b) => b.status)).toEqual(bookings.map(() => 201));
    expect(cancellations.map((c) => c.status)).toEqual(cancellations.map(() => 200));

    const seats = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
    const statusOf = new Map<string, string>(
      seats.body.seats.map((s: { seatNumber: string; status: string }) => [s.seatNumber, s.status]),
    );
    for (let n = 1; n <= 40; n++) {
      expect([n, statusOf.get(`S${n}`)]).toEqual([n, n <= 30 ? 'booked' : 'available']);
    }
    // Each seat booked by exactly one booking, the cancelled ones' seats released once.
    const events = await allocationEvents(tripId);
    const bookedBy = new Map<string, string[]>();
    for (const event of events.filter((e) => e.type === 'SeatsBooked')) {
      for (const seat of event.data.seatNumbers) {
        bookedBy.set(seat, [...(bookedBy.get(seat) ?? []), event.data.bookingId]);
      }
    }
    expect([...bookedBy.values()].filter((ids) => ids.length !== 1)).toEqual([]);
    expect(bookedBy.size).toBe(35);
    const released = events.filter((e) => e.type === 'BookedSeatsReleased');
    expect(released.map((e) => e.data.bookingId).sort()).toEqual(
      toCancel.map((c) => c.bookingId).sort(),
    );
  });

  it('cancels a booking once when it is cancelled three times at once', async () => {
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 8);
    const user = await tokenFor(server.config, ['user']);
    const booked = await lockAndBook(server.baseUrl, user, tripId, ['S1', 'S2']);
    expect(booked.status).toBe(201);
    const { bookingId } = booked.body;
    const confirmed = await confirmBooking(server.baseUrl, user, bookingId, 'PAY-RACE');
    expect(confirmed.status).toBe(200);

    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        http(server.baseUrl, 'DELETE', `/bookings/${bookingId}`, { token: user }),
      ),
    );
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
    const { rows } = await pool.query<{ type: string }>(
      `SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_position`,
      [`booking-${bookingId}`],
    );
    expect(rows.filter((r) => r.type === 'BookingCancelled')).toHaveLength(1);
    const released = (await allocationEvents(tripId)).filter(
      (e) => e.type === 'BookedSeatsReleased',
    );
    expect(released).toHaveLength(1);
    expect(released[0].data.seatNumbers.sort()).toEqual(['S1', 'S2']);
  });
});
