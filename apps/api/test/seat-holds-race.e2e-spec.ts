import { Pool } from 'pg';
import { findDoubleHolds } from '../../../test/utils/double-holds';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip } from '../../../test/utils/catalog';

/**
 * 200 clients race for overlapping seats of one trip through two API instances (each with its
 * own cache and queue, so their appends really compete on the stream version).
 */
describe('Seat holds under a race', () => {
  const servers: TestServer[] = [];
  let pool: Pool;

  beforeAll(async () => {
    servers.push(await startTestServer());
    servers.push(await startTestServer());
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await pool?.end(); // undefined when beforeAll failed
    await Promise.all(servers.map((s) => s.close()));
  });

  it('gives every seat at most one holder, and every loser a 409 naming a taken seat', async () => {
    const admin = await tokenFor(servers[0].config, ['admin']);
    const tripId = await createTrip(servers[0].baseUrl, admin, 40);
    const clients = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const count = 1 + (i % 3);
        const first = (i * 7) % 12; // all clients fight over S1..S14
        const seatNumbers = Array.from(
          { length: count },
          (_, k) => `S${((first + k * 5) % 14) + 1}`,
        );
        return { token: await tokenFor(servers[0].config, ['user']), seatNumbers };
      }),
    );

    const results = await Promise.all(
      clients.map((client, i) =>
        http(servers[i % 2].baseUrl, 'POST', '/seats/lock', {
          token: client.token,
          body: { tripId, seatNumbers: client.seatNumbers },
        }).then((response) => ({ ...client, response })),
      ),
    );

    const statuses = new Set(results.map((r) => r.response.status));
    expect([...statuses].sort()).toEqual([201, 409]);
    const winners = results.filter((r) => r.response.status === 201);
    const losers = results.filter((r) => r.response.status === 409);
    expect(winners.length).toBeGreaterThan(0);

    const owner = new Map<string, string>();
    for (const winner of winners) {
      for (const seat of winner.response.body.seatNumbers) {
        expect(owner.has(seat)).toBe(false);
        owner.set(seat, winner.response.body.lockId);
      }
    }
    for (const loser of losers) {
      expect(loser.response.body.code).toBe('seat.unavailable');
      const named = loser.response.body.conflicts.map((c: { seatNumber: string }) => c.seatNumber);
      expect(named.length).toBeGreaterThan(0);
      for (const seat of named) {
        expect(loser.seatNumbers).toContain(seat);
        expect(owner.has(seat)).toBe(true);
      }
    }

    const seatMap = await http(servers[1].baseUrl, 'GET', `/trips/${tripId}/seats`);
    const locked = seatMap.body.seats.filter((s: { status: string }) => s.status === 'locked');
    expect(locked.map((s: { seatNumber: string }) => s.seatNumber).sort()).toEqual(
      [...owner.keys()].sort(),
    );
    expect(seatMap.body.version).toBe(winners.length);

    const { rows } = await pool.query(
      'SELECT type, data, stream_position FROM events WHERE stream_id = $1 ORDER BY stream_position',
      [`seat-allocation-${tripId}`],
    );
    expect(rows).toHaveLength(winners.length);
    expect(rows.map((r) => r.stream_position)).toEqual(rows.map((_, i) => i + 1));
    expect(findDoubleHolds(rows)).toEqual([]);
  });

  it('acts on holds another instance created, even when its own cached state predates them', async () => {
    const [a, b] = servers;
    const admin = await tokenFor(a.config, ['admin']);
    const tripId = await createTrip(a.baseUrl, admin, 12);
    const alice = await tokenFor(a.config, ['user']);
    const bob = await tokenFor(a.config, ['user']);
    const first = await http(a.baseUrl, 'POST', '/seats/lock', {
      token: alice,
      body: { tripId, seatNumbers: ['S1'] },
    });
    expect(first.status).toBe(201); // instance A now caches the trip at version 1
    const other = await http(b.baseUrl, 'POST', '/seats/lock', {
      token: bob,
      body: { tripId, seatNumbers: ['S2'] },
    });
    expect(other.status).toBe(201);

    const released = await http(a.baseUrl, 'DELETE', `/seats/lock/${other.body.lockId}`, {
      token: bob,
    });
    expect(released.status).toBe(200);
    const status = await http(b.baseUrl, 'GET', `/seats/lock/${tripId}/status?seatNumbers=S1,S2`);
    expect(status.body.seats.map((s: { status: string }) => s.status)).toEqual([
      'locked',
      'available',
    ]);
    const { rows } = await pool.query(
      'SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_position',
      [`seat-allocation-${tripId}`],
    );
    expect(rows.map((r) => r.type)).toEqual(['SeatsLocked', 'SeatsLocked', 'SeatLockReleased']);
  });
});
