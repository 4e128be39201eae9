import { Pool } from 'pg';
import { createPool } from './database';

const url = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('createPool', () => {
  it('survives a checked-out connection terminated between two queries', async () => {
    const pool = createPool({ connectionString: url(), applicationName: 'pool-survival-test' });
    const admin = new Pool({ connectionString: url(), max: 1 });
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Without a listener on the client this 'error' event ends the test process.
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
