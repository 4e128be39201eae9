import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { EmbeddedPostgresHandle, migrateDatabase, startEmbeddedPostgres } from '@app/event-store';

export interface PreparedDatabase {
  databaseUrl: string;
  /** Set when we started an embedded Postgres; stop it after the app closes. */
  embedded?: EmbeddedPostgresHandle;
}

export interface StartingDatabase {
  /**
   * Settles as soon as the database needs nothing more of this process for a while: at once with
   * DATABASE_URL, once an embedded Postgres runs and boots in its own process, or on failure.
   */
  booting: Promise<void>;
  /** The database accepting connections (not migrated yet). */
  ready: Promise<PreparedDatabase>;
  /** Stops the embedded Postgres if one was started (after a failed start-up). */
  stop(): Promise<void>;
}

/** DATABASE_URL, or an embedded Postgres under DATA_DIR. */
export function startDatabase(config: AppConfig, logger: Logger): StartingDatabase {
  const url = config.database.url;
  if (url) {
    return {
      booting: Promise.resolve(),
      ready: Promise.resolve({ databaseUrl: url }),
      stop: async () => undefined,
    };
  }
  const dataDir = join(config.dataDir, 'postgres');
  logger.log(
    `DATABASE_URL is not set: starting an embedded Postgres in ${dataDir} on port ${config.database.embeddedPort}`,
  );
  let booted!: () => void;
  const booting = new Promise<void>((resolve) => (booted = resolve));
  const ready = startEmbeddedPostgres({
    dataDir,
    port: config.database.embeddedPort,
    log:
      config.logLevel === 'debug' || config.logLevel === 'trace'
        ? (line) => logger.debug(line)
        : undefined,
    onBooting: booted,
  }).then((embedded) => ({ databaseUrl: embedded.databaseUrl, embedded }));
  ready.then(booted, booted);
  return {
    booting,
    ready,
    stop: () =>
      ready.then(
        (database) => database.embedded.stop(),
        () => undefined,
      ),
  };
}

/**
 * The TypeORM migrations (one query when the schema is up to date); stops an embedded Postgres
 * when they fail.
 */
export async function migrateSchema(database: PreparedDatabase, logger: Logger): Promise<void> {
  try {
    // Imported here, not above: the migrations bring in every lib, which main.ts loads only
    // once an embedded Postgres is booting.
    const { allMigrations } = await import('./migrations');
    // On a short-lived connection of its own, closed before the app opens its pool.
    const applied = await migrateDatabase({
      connectionString: database.databaseUrl,
      migrations: allMigrations,
    });
    logger.log(
      applied.length
        ? `applied migrations: ${applied.join(', ')}`
        : 'database schema is up to date',
    );
  } catch (error) {
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
}

/** DATABASE_URL, or an embedded Postgres under DATA_DIR; then the TypeORM migrations. */
export async function prepareDatabase(
  config: AppConfig,
  logger: Logger,
): Promise<PreparedDatabase> {
  const database = await startDatabase(config, logger).ready;
  await migrateSchema(database, logger);
  return database;
}
