import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { EmbeddedPostgresHandle, migrateDatabase, startEmbeddedPostgres } from '@app/event-store';
import { allMigrations } from './migrations';

export interface PreparedDatabase {
  databaseUrl: string;
  /** Set when we started an embedded Postgres; stop it after the app closes. */
  embedded?: EmbeddedPostgresHandle;
}

/** DATABASE_URL, or an embedded Postgres under DATA_DIR; then the TypeORM migrations. */
export async function prepareDatabase(
  config: AppConfig,
  logger: Logger,
): Promise<PreparedDatabase> {
  let databaseUrl = config.database.url;
  let embedded: EmbeddedPostgresHandle | undefined;
  if (!databaseUrl) {
    const dataDir = join(config.dataDir, 'postgres');
    logger.log(
      `DATABASE_URL is not set: starting an embedded Postgres in ${dataDir} on port ${config.database.embeddedPort}`,
    );
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.database.embeddedPort,
      log:
        config.logLevel === 'debug' || config.logLevel === 'trace'
          ? (line) => logger.debug(line)
          : undefined,
    });
    databaseUrl = embedded.databaseUrl;
  }
  try {
    // On a short-lived DataSource of its own, closed before the app opens its pool.
    const applied = await migrateDatabase({
      connectionString: databaseUrl,
      migrations: allMigrations,
    });
    logger.log(
      applied.length
        ? `applied migrations: ${applied.join(', ')}`
        : 'database schema is up to date',
    );
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  return { databaseUrl, embedded };
}
