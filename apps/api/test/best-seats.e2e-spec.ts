import { Pool } from 'pg';
import { findDoubleHolds } from '../../../test/utils/double-holds';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { tripFor, uniquePlate } from '../../../test/utils/fixtures';

/** Ten rows of A B | aisle | C D; A01 is accessible. */
const coach = () => ({
  name: 'Aisle coach',
  plateNumber: uniquePlate(),
  seats: Array.from({ length: 10 }, (_, r) =>
    (
      [
        ['A', 1],
        ['B', 2],
        ['C', 4],
        ['D', 5],
      ] as const
    ).map(([letter, col]) => ({
      seatNumber: `${letter}${String(r + 1).padStart(2, '0')}`,
      deck: 1,
      row: r + 1,
      col,
      type: 'standard' as const,
      accessible: letter === 'A' && r === 0,
    })),
  ).flat(),
});

describe('Best available seats (POST /seats/lock with count)', () => {
  const servers: TestServer[] = [];
  let pool: Pool;
  let tripId: string;

  beforeAll(async () => {
    servers.push(await startTestServer(), await startTestServer());
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const admin = await tokenFor(servers[0].config, ['admin']);
    const bus = await http(servers[0].baseUrl, 'POST', '/admin/buses', {
      token: admin,
      body: coach(),
    });
    const trip = await http(servers[0].baseUrl, 'POST', '/admin/trips', {
      token: admin,
      body: { ...tripFor(bus.body.id), maxSeatsPerBooking: 4 },
    });
    tripId = trip.body.id;
  });
  afterAll(async () => {
    await pool?.end();
    await Promise.all(servers.map((s) => s.close()));
  });

  it('refuses a request that names seats and asks for the best ones, or does neither', async () => {
    const token = await tokenFor(servers[0].config, ['user']);
    const cases: [Record<string, unknown>, string][] = [
      [{ tripId }, 'seatNumbers'],
      [{ tripId, seatNumbers: ['A02'], count: 1 }, 'count'],
      [{ tripId, seatNumbers: ['A02'], together: true }, 'together'],
      [{ tripId, count: 0 }, 'count'],
      [{ tripId, count: 2, deck: 3 }, 'deck'],
      [{ tripId, count: 2, seatType: 'bunk' }, 'seatType'],
    ];
    for (const [body, field] of cases) {
      const response = await http(servers[0].baseUrl, 'POST', '/seats/lock', { token, body });
      expect([JSON.stringify(body), response.status, response.body.code]).toEqual([
        JSON.stringify(body),
        400,
        'request.invalid',
      ]);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('holds the best seats together, keeps the accessible seat, and shows the hold', async () => {
    const token = await tokenFor(servers[0].config, ['user']);
    const lock = await http(servers[0].baseUrl, 'POST', '/seats/lock', {
      token,
      body: { tripId, count: 2, together: true },
    });
    expect(lock.status).toBe(201);
    // Row 1's A01 is accessible: the pair across the aisle is the front one that keeps it.
    expect(lock.body.seatNumbers).toEqual(['C01', 'D01']);
    const map = await http(servers[1].baseUrl, 'GET', `/trips/${tripId}/seats`, { token });
    const mine = map.body.seats.filter((s: { heldByYou: boolean }) => s.heldByYou);
    expect(mine.map((s: { seatNumber: string }) => s.seatNumber)).toEqual(['C01', 'D01']);
  });

  it('gives racing parties disjoint pairs side by side until none fit, then 409 seat.none_fit', async () => {
    const parties = await Promise.all(
      Array.from({ length: 30 }, () => tokenFor(servers[0].config, ['user'])),
    );
    const results = await Promise.all(
      parties.map((token, i) =>
        http(servers[i % 2].baseUrl, 'POST', '/seats/lock', {
          token,
          body: { tripId, count: 2, together: true },
        }),
      ),
    );
    const winners = results.filter((r) => r.status === 201);
    const losers = results.filter((r) => r.status !== 201);
    // 20 pairs, one held above: 19 left (A01 + B01 last, as the accessible seat is kept).
    expect(winners).toHaveLength(19);
    const seen = new Set<string>();
    for (const { body } of winners) {
      const [a, b] = body.seatNumbers as string[];
      expect(a.slice(1)).toBe(b.slice(1)); // same row
      expect([a[0] + b[0]]).toEqual([expect.stringMatching(/^(AB|CD)$/)]);
      for (const seat of body.seatNumbers) {
        expect(seen.has(seat)).toBe(false);
        seen.add(seat);
      }
    }
    for (const loser of losers) {
      expect(loser.status).toBe(409);
      expect(loser.body).toMatchObject({
        code: 'seat.none_fit',
        available: { seats: 0, largestTogether: 0 },
      });
    }
    const { rows } = await pool.query(
      `SELECT type, data, stream_position FROM events WHERE stream_id = $1 ORDER BY stream_position`,
      [`seat-allocation-${tripId}`],
    );
    expect(findDoubleHolds(rows)).toEqual([]);
  });
});
