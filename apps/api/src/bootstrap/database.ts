import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import {
  createPool,
  EmbeddedPostgresHandle,
  runMigrations,
  startEmbeddedPostgres,
} from '@app/event-store';
import { allMigrations } from './migrations';

export interface PreparedDatabase {
  databaseUrl: string;
  /** Set when we started an embedded Postgres; stop it after the app closes. */
  embedded?: EmbeddedPostgresHandle;
}

/** DATABASE_URL, or an embedded Postgres under DATA_DIR; then the migrations. */
export async function prepareDatabase(
  config: AppConfig,
  logger: Logger,
): Promise<PreparedDatabase> {
  let databaseUrl = config.DATABASE_URL;
  let embedded: EmbeddedPostgresHandle | undefined;
  if (!databaseUrl) {
    const dataDir = join(config.DATA_DIR, 'postgres');
    logger.log(
      `DATABASE_URL is not set: starting an embedded Postgres in ${dataDir} on port ${config.EMBEDDED_PG_PORT}`,
    );
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.EMBEDDED_PG_PORT,
      log:
        config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace'
          ? (line) => logger.debug(line)
          : undefined,
    });
    databaseUrl = embedded.databaseUrl;
  }
  const pool = createPool({
    connectionString: databaseUrl,
    poolSize: 2,
    applicationName: 'bus-booking-migrate',
  });
  try {
    const applied = await runMigrations(pool, allMigrations);
    logger.log(
      applied.length
        ? `applied migrations: ${applied.join(', ')}`
        : 'database schema is up to date',
    );
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  } finally {
    await pool.end();
  }
  return { databaseUrl, embedded };
}
