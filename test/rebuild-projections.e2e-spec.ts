import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { http, tokenFor } from './utils/api-server';
import { lockAndBook } from './utils/bookings';
import { DemoServer, startDemoServer } from './utils/demo-server';

/** `npm run projections:rebuild`: read models emptied and replayed from the log, equal to before. */
function rebuild(databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [join(__dirname, '../dist/scripts/rebuild-projections.js')],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${stdout}${stderr}`)) : resolve(stdout),
    ),
  );
}

const READ_MODELS = {
  bookings: 'SELECT * FROM bookings ORDER BY id',
  seatHolds: 'SELECT * FROM seat_holds ORDER BY lock_id',
  seatBookings: 'SELECT * FROM seat_bookings ORDER BY 1, 2',
  trips: 'SELECT * FROM trips ORDER BY id',
};

describe('Rebuilding read models from the event log', () => {
  let server: DemoServer;
  let db: Client;
  beforeAll(async () => {
    server = await startDemoServer('rebuild');
    db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(READ_MODELS).map(async ([name, sql]) => [name, (await db.query(sql)).rows]),
      ),
    );

  it('restores every read model to what the events say', async () => {
    const token = await tokenFor(server.config, ['user']);
    const trips = await http(server.baseUrl, 'GET', '/trips');
    const tripId = trips.body.items[0].id as string;
    const seats = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
    const free = (seats.body.seats as { seatNumber: string; status: string }[])
      .filter((seat) => seat.status === 'available')
      .map((seat) => seat.seatNumber);
    const kept = await lockAndBook(server.baseUrl, token, tripId, free.slice(0, 2));
    const cancelled = await lockAndBook(server.baseUrl, token, tripId, free.slice(2, 3));
    expect([kept.status, cancelled.status]).toEqual([201, 201]);
    await http(server.baseUrl, 'DELETE', `/bookings/${cancelled.body.bookingId}`, { token });
    const lock = (seatNumbers: string[]) =>
      http<{ lockId: string }>(server.baseUrl, 'POST', '/seats/lock', {
        token,
        body: { tripId, seatNumbers },
      });
    // A hold, one that takes a seat over from it, an extension, a release
    await lock(free.slice(3, 4));
    const wider = await lock(free.slice(3, 5));
    const extended = await http(
      server.baseUrl,
      'PATCH',
      `/seats/lock/${wider.body.lockId}/extend`,
      {
        token,
      },
    );
    const released = await lock(free.slice(5, 6));
    const freed = await http(server.baseUrl, 'DELETE', `/seats/lock/${released.body.lockId}`, {
      token,
    });
    expect([wider.status, extended.status, released.status, freed.status]).toEqual([
      201, 200, 201, 200,
    ]);
    const before = await snapshot();
    expect(before.seatHolds.map((hold: { status: string }) => hold.status)).toEqual(
      expect.arrayContaining(['transferred', 'active', 'released', 'booked']),
    );
    expect(before.bookings).toHaveLength(2);

    await db.query("UPDATE bookings SET status = 'pending', total_amount = 0");
    await db.query('DELETE FROM seat_holds');
    await db.query('DELETE FROM seat_bookings');
    const output = await rebuild(server.databaseUrl);

    expect(output).toMatch(/bookings: \d+ events replayed/);
    expect(output).toMatch(/seat-holds: \d+ events replayed/);
    expect(await snapshot()).toEqual(before);
  });
});
