import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { createTrip } from '../../../test/utils/catalog';
import { IdempotencyKeyPurge } from '../src/http/idempotency-key-purge';

const LIVENESS_LOCK_CLASS = 0x1de0;
const hashOf = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** Issue 17, hole 11: keys were never purged, and a crash left a key "in progress" for 60 s. */
describe('Idempotency keys', () => {
  let server: TestServer;
  let db: Client;
  let token: string;
  let caller: string;
  let tripId: string;

  beforeAll(async () => {
    server = await startTestServer();
    db = new Client({ connectionString: server.config.database.url });
    await db.connect();
    const sub = randomUUID();
    token = await tokenFor(server.config, ['user'], sub);
    caller = `user:${sub}`;
    tripId = await createTrip(server.baseUrl, await tokenFor(server.config, ['admin']), 12);
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  const claimAs = (key: string, body: unknown, claimedBy: number, ageHours = 0) =>
    db.query(
      `INSERT INTO idempotency_keys (scope, caller, key, request_hash, claimed_by, created_at)
       VALUES ('POST /seats/lock', $1, $2, $3, $4, now() - make_interval(hours => $5))`,
      [caller, key, hashOf(body), claimedBy, ageHours],
    );
  const lock = (key: string, body: unknown) =>
    http(server.baseUrl, 'POST', '/seats/lock', {
      token,
      body,
      headers: { 'idempotency-key': key },
    });

  it('frees a key at once when the process that claimed it has died', async () => {
    const body = { tripId, seatNumbers: ['S1'] };
    const key = randomUUID();
    await claimAs(key, body, 1234567); // no process holds this liveness lock: it died
    const answer = await lock(key, body);
    expect(answer.status).toBe(201);
  });

  it('answers "in progress" while the claiming process lives', async () => {
    const body = { tripId, seatNumbers: ['S2'] };
    const key = randomUUID();
    const alive = new Client({ connectionString: server.config.database.url });
    await alive.connect();
    try {
      await alive.query('SELECT pg_advisory_lock($1, $2)', [LIVENESS_LOCK_CLASS, 7654321]);
      await claimAs(key, body, 7654321);
      const answer = await lock(key, body);
      expect([answer.status, answer.body.code]).toEqual([409, 'idempotency.in_progress']);
    } finally {
      await alive.end(); // the "process" dies: the key is free
    }
    expect((await lock(key, body)).status).toBe(201);
  });

  it('keeps answers for IDEMPOTENCY_KEY_TTL_HOURS, then the key is free and purged', async () => {
    const key = randomUUID();
    await claimAs(key, { tripId, seatNumbers: ['S9'] }, 1, 25);
    await db.query(
      `UPDATE idempotency_keys SET status_code = 409, response = '{}' WHERE key = $1`,
      [key],
    );
    // another body with a day-old key: a new request, not idempotency.key_reused
    expect((await lock(key, { tripId, seatNumbers: ['S3'] })).status).toBe(201);

    const old = randomUUID();
    const recent = randomUUID();
    await claimAs(old, {}, 1, 25);
    await claimAs(recent, {}, 1, 1);
    expect(await server.app.get(IdempotencyKeyPurge).sweep()).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ key: string }>(
      'SELECT key FROM idempotency_keys WHERE key = ANY($1)',
      [[old, recent]],
    );
    expect(rows.map((row) => row.key)).toEqual([recent]);
  });
});
