import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PG_POOL } from '@app/event-store';
import { http, startTestServer, TestServer } from '../../../test/utils/api-server';

/**
 * One pool per process: the hand-written SQL (`PG_POOL`: appends, projections, repositories)
 * runs on the pool of TypeORM's DataSource, sized by DATABASE_POOL_SIZE.
 */
describe('the DataSource owns the connection pool', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ DATABASE_POOL_SIZE: '7' });
  });
  afterAll(() => server?.close());

  it('gives PG_POOL its driver pool, with the pool settings, and both answer', async () => {
    const dataSource = server.app.get(DataSource);
    const pool = server.app.get<Pool>(PG_POOL);
    expect(dataSource.isInitialized).toBe(true);
    expect((dataSource.driver as PostgresDriver).master).toBe(pool);
    expect(pool.options).toMatchObject({
      max: 7,
      application_name: 'bus-booking',
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    });
    expect(pool.listenerCount('error')).toBeGreaterThan(0);

    const [viaTypeOrm] = (await dataSource.query('SELECT pg_backend_pid() AS pid')) as {
      pid: number;
    }[];
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1',
      [viaTypeOrm.pid],
    );
    expect(rows[0].n).toBe(1); // the backend TypeORM used is one of this server's
    expect((await http(server.baseUrl, 'GET', '/health/ready')).status).toBe(200);
    expect(pool.totalCount).toBeLessThanOrEqual(7);
  });

  it('survives a checked-out connection of its pool terminated between two queries', async () => {
    // Found by npm run chaos: the worker exited (code 1) on the 'error' event of such a client.
    const pool = server.app.get<Pool>(PG_POOL);
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    expect((await http(server.baseUrl, 'GET', '/health/ready')).status).toBe(200);
  });
});
