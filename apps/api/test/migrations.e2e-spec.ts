import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createDataSource, createPool, migrateDatabase, MIGRATION_LOCK } from '@app/event-store';
import { allMigrations } from '../src/bootstrap/migrations';
import { legacyMigrations, runLegacyMigrations } from '../../../test/utils/legacy-migrations';

const run = promisify(execFile);

/**
 * The schema history is TypeORM's migrations: a new database gets all of them, a database the
 * former migrator built (its `schema_migrations` ids) is upgraded in place, runs wait for each
 * other, every `down` undoes its `up`, and the CLI (`npm run migration:run` on the built code)
 * is a no-op the second time. Each case has a database of its own on the test server.
 */
describe('TypeORM migrations', () => {
  const root = resolve(__dirname, '../../..');
  const serverUrl = process.env.DATABASE_URL!;
  const names = allMigrations.map((m) => new m().name!).sort(byTimestamp);
  const created: string[] = [];

  function urlOf(database: string): string {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return url.toString();
  }

  async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  async function newDatabase(): Promise<string> {
    const name = `bus_booking_migrations_${process.pid}_${created.length}`;
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    created.push(name);
    return urlOf(name);
  }

  async function query<R>(url: string, text: string): Promise<R[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as R[];
    } finally {
      await client.end();
    }
  }

  /** Tables, columns, indexes and constraints, as text to compare two databases by. */
  async function schemaOf(url: string): Promise<string[]> {
    const rows = await query<{ line: string }>(
      url,
      `SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable,
                     coalesce(column_default, '')) AS line
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'schema_migrations')
       UNION ALL
       SELECT format('index %s', indexdef) FROM pg_indexes
        WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'schema_migrations')
       UNION ALL
       SELECT format('constraint %s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace
          AND conrelid::regclass::text NOT IN ('migrations', 'schema_migrations')`,
    );
    return rows.map((r) => r.line).sort();
  }

  async function recorded(url: string): Promise<string[]> {
    const rows = await query<{ name: string }>(url, 'SELECT name FROM migrations ORDER BY id');
    return rows.map((r) => r.name);
  }

  afterAll(async () => {
    await admin(async (c) => {
      for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  let freshSchema: string[];

  it('builds a new database with every migration, in order, and then has nothing to do', async () => {
    const url = await newDatabase();
    expect(await migrateDatabase({ connectionString: url, migrations: allMigrations })).toEqual(
      names,
    );
    expect(await recorded(url)).toEqual(names);
    expect(await migrateDatabase({ connectionString: url, migrations: allMigrations })).toEqual([]);
    freshSchema = await schemaOf(url);
    expect(freshSchema).toEqual(
      expect.arrayContaining([
        'index CREATE UNIQUE INDEX bookings_reference_key ON public.bookings USING btree (reference)',
      ]),
    );
    const [legacy] = await query<{ present: boolean }>(
      url,
      "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
    );
    expect(legacy.present).toBe(false);
  });

  it('upgrades a database the former migrator built in place: same schema, nothing run twice, data kept', async () => {
    const url = await newDatabase();
    const pool = createPool({ connectionString: url, poolSize: 2 });
    try {
      expect(await runLegacyMigrations(pool)).toHaveLength(legacyMigrations.length);
      await pool.query(
        `INSERT INTO events (stream_id, stream_position, event_id, type, data, metadata)
         VALUES ('booking-1', 1, gen_random_uuid(), 'BookingCreated', '{}', '{}')`,
      );
    } finally {
      await pool.end();
    }

    // Every migration is recorded as executed; none of their SQL ran again (it would fail on
    // the existing tables).
    expect(await migrateDatabase({ connectionString: url, migrations: allMigrations })).toEqual(
      names,
    );
    expect(await recorded(url)).toEqual(names);
    expect(await migrateDatabase({ connectionString: url, migrations: allMigrations })).toEqual([]);
    expect(await schemaOf(url)).toEqual(freshSchema);
    expect(await query(url, 'SELECT stream_id FROM events')).toEqual([{ stream_id: 'booking-1' }]);
    const ids = await query<{ id: string }>(url, 'SELECT id FROM schema_migrations ORDER BY id');
    expect(ids.map((r) => r.id)).toEqual(legacyMigrations.map((m) => m.id));
  });

  it('completes a database the former migrator left part of the way', async () => {
    const url = await newDatabase();
    const pool = createPool({ connectionString: url, poolSize: 2 });
    try {
      await runLegacyMigrations(pool, legacyMigrations.slice(0, 4));
    } finally {
      await pool.end();
    }
    await migrateDatabase({ connectionString: url, migrations: allMigrations });
    expect(await recorded(url)).toEqual(names);
    expect(await schemaOf(url)).toEqual(freshSchema);
  });

  it('lets processes starting together migrate one at a time', async () => {
    const url = await newDatabase();
    const runs = await Promise.all(
      [1, 2, 3].map(() => migrateDatabase({ connectionString: url, migrations: allMigrations })),
    );
    expect(runs.flat().sort(byTimestamp)).toEqual(names);
    expect(await recorded(url)).toEqual(names);
  });

  it('does not wait for a migration run elsewhere when the schema is up to date', async () => {
    const url = await newDatabase();
    await migrateDatabase({ connectionString: url, migrations: allMigrations });
    // Another process holding the migration lock (a run, or an older release's) would make a
    // start that has something to migrate wait; one that has nothing to migrate does not.
    const other = new Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      // Were it to take the lock, this would wait until the test times out.
      expect(await migrateDatabase({ connectionString: url, migrations: allMigrations })).toEqual(
        [],
      );
    } finally {
      await other.end();
    }
    expect(await recorded(url)).toEqual(names);
  });

  it('undoes every migration with its down, and applies them again', async () => {
    const url = await newDatabase();
    await migrateDatabase({ connectionString: url, migrations: allMigrations });
    const dataSource = createDataSource({
      connectionString: url,
      poolSize: 2,
      migrations: allMigrations,
    });
    await dataSource.initialize();
    try {
      for (const _ of names) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await recorded(url)).toEqual([]);
      expect(await schemaOf(url)).toEqual([]);
      expect((await dataSource.runMigrations()).map((m) => m.name)).toEqual(names);
    } finally {
      await dataSource.destroy();
    }
    expect(await schemaOf(url)).toEqual(freshSchema);
  });

  it('npm run migration:run (the TypeORM CLI on the built data source) migrates, then is a no-op', async () => {
    const url = await newDatabase();
    // What the script runs after building.
    const cli = () =>
      run(
        process.execPath,
        [
          resolve(root, 'node_modules/typeorm/cli.js'),
          'migration:run',
          '-d',
          'dist/apps/api/src/bootstrap/data-source.js',
        ],
        { cwd: root, env: { ...process.env, DATABASE_URL: url } },
      );
    const first = await cli();
    expect(first.stdout).toContain(`Migration ${names.at(-1)} has been executed successfully`);
    expect(await recorded(url)).toEqual(names);
    const second = await cli();
    expect(second.stdout).toContain('No migrations are pending');
    expect(await recorded(url)).toEqual(names);
    expect(await schemaOf(url)).toEqual(freshSchema);
  });
});

function byTimestamp(a: string, b: string): number {
  return Number(a.slice(-13)) - Number(b.slice(-13));
}
