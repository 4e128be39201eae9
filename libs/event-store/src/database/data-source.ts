import * as pg from 'pg';
import { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { DatabaseOptions, POOL_DEFAULTS, surviveLostConnections } from './database';

/** A TypeORM migration class (`MigrationInterface` with `up`/`down`). */
export type MigrationClass = new () => MigrationInterface;

export interface DataSourceSettings extends DatabaseOptions {
  /** The schema history, in any order (TypeORM sorts by the timestamp ending each name). */
  migrations?: readonly MigrationClass[];
  /** Entities of the read models read through TypeORM repositories. */
  entities?: readonly (new () => unknown)[];
}

/**
 * Serialises migration runs between processes (the API and the worker start together, test runs
 * share a database). The same key the former migrator took, so that an older release still
 * migrating during a rolling deploy is waited for too.
 */
export const MIGRATION_LOCK = 72_410_001;

/** TypeORM's table of executed migrations (`migrationsTableName` below). */
const MIGRATIONS_TABLE = 'migrations';
/** Postgres' SQLSTATE for a relation that does not exist. */
const UNDEFINED_TABLE = '42P01';

/**
 * The options of the one DataSource of a process. Its driver's pool is THE pool: TypeORM's
 * repositories and migrations use it, and so does the hand-written SQL of the event store and
 * the folded projections (through `PG_POOL`, see `poolOf`). Same settings as the pool had before.
 */
export function dataSourceOptions(settings: DataSourceSettings): PostgresConnectionOptions {
  return {
    type: 'postgres',
    // The very `pg` module the rest of the code uses: its type parsers (INT8 as number) and
    // named statements apply to every connection of the pool.
    driver: pg,
    url: settings.connectionString,
    poolSize: settings.poolSize ?? POOL_DEFAULTS.max,
    applicationName: settings.applicationName ?? POOL_DEFAULTS.application_name,
    connectTimeoutMS: POOL_DEFAULTS.connectionTimeoutMillis,
    extra: { idleTimeoutMillis: POOL_DEFAULTS.idleTimeoutMillis },
    // An idle client losing its connection must not crash the process; the pool replaces it.
    poolErrorHandler: () => undefined,
    migrations: [...(settings.migrations ?? [])],
    migrationsTableName: MIGRATIONS_TABLE,
    // Each migration in its own transaction, as before: a failure keeps the ones before it.
    migrationsTransactionMode: 'each',
    entities: [...(settings.entities ?? [])],
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: false,
  };
}

/**
 * TypeORM's Postgres driver, except that its pool is built on first use without connecting
 * (TypeORM's own `createPool` checks out a connection at once): the application can be built,
 * and its providers given `PG_POOL`, before the DataSource is initialised — or without any
 * database, as `npm run openapi` does. `initialize()` then adopts this very pool.
 */
class SharedPoolPostgresDriver extends PostgresDriver {
  private pool: pg.Pool | undefined;

  sharedPool(): pg.Pool {
    if (!this.pool) {
      const options = this.options as PostgresConnectionOptions;
      this.pool = new pg.Pool({
        ...options.extra,
        connectionString: options.url,
        connectionTimeoutMillis: options.connectTimeoutMS,
        application_name: options.applicationName,
        max: options.poolSize,
      });
      this.pool.on('error', options.poolErrorHandler ?? (() => undefined));
      // The service's own pool: a chaos run saw the worker exit on a checked-out client's
      // 'error' event after createPool (tests and tools) alone had this.
      surviveLostConnections(this.pool);
    }
    return this.pool;
  }

  protected override createPool(): Promise<pg.Pool> {
    return Promise.resolve(this.sharedPool());
  }
}

/**
 * TypeORM's DataSource, with the driver above, whose migration runs (at start-up, by the test
 * setup and by `npm run migration:run` through the TypeORM CLI) wait for each other on an
 * advisory lock: TypeORM itself does not serialise two processes migrating the same database.
 */
export class BookingDataSource extends DataSource {
  constructor(options: DataSourceOptions) {
    super(options);
    (this as { driver: DataSource['driver'] }).driver = new SharedPoolPostgresDriver(this);
  }

  /** The one pool of the process; usable before `initialize()` (which keeps it). */
  get pool(): pg.Pool {
    return (this.driver as SharedPoolPostgresDriver).sharedPool();
  }

  override async runMigrations(
    options?: Parameters<DataSource['runMigrations']>[0],
  ): ReturnType<DataSource['runMigrations']> {
    const lock = await this.pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      return await super.runMigrations(options);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      lock.release();
    }
  }
}

export function createDataSource(settings: DataSourceSettings): BookingDataSource {
  return new BookingDataSource(dataSourceOptions(settings));
}

/** The DataSource's connection pool: its Postgres driver's `pg.Pool` (`driver.master`). */
export function poolOf(dataSource: DataSource): pg.Pool {
  if (dataSource instanceof BookingDataSource) return dataSource.pool;
  const pool = (dataSource.driver as PostgresDriver).master as pg.Pool | undefined;
  if (!pool) throw new Error('The DataSource is not initialized: it has no connection pool yet');
  return pool;
}

/** The name TypeORM records for a migration (its `name`, else its class name). */
function migrationName(migration: MigrationClass): string {
  return new migration().name || migration.name;
}

/**
 * The names in TypeORM's table of executed migrations, in one query on a connection of its own;
 * none when there is no such table yet (a new database).
 */
async function recordedMigrations(settings: DatabaseOptions): Promise<string[]> {
  const client = new pg.Client({
    connectionString: settings.connectionString,
    connectionTimeoutMillis: POOL_DEFAULTS.connectionTimeoutMillis,
    application_name: settings.applicationName ?? 'bus-booking-migrate',
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    return rows.map((row) => row.name);
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return [];
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Brings a database's schema up to date and returns the names of the migrations it ran. When
 * every migration is recorded as executed already (every start but the first after a release),
 * that is one query; otherwise it connects with a small pool of its own (closed before the
 * caller opens the application's) and runs the pending ones as TypeORM does, one process at a
 * time (`MIGRATION_LOCK`). A migration's record commits with its changes, so a run in progress
 * elsewhere leaves some unrecorded and this one waits for it on the lock.
 */
export async function migrateDatabase(
  settings: DataSourceSettings & { migrations: readonly MigrationClass[] },
): Promise<string[]> {
  const recorded = new Set(await recordedMigrations(settings));
  if (settings.migrations.every((migration) => recorded.has(migrationName(migration)))) return [];
  const dataSource = createDataSource({
    applicationName: 'bus-booking-migrate',
    ...settings,
    poolSize: settings.poolSize ?? 2,
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
