import { Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/clock';
import { AppConfig } from '@app/config';
import { warmUpRenderThreads } from '@app/worker';
import { createApiApp } from '../app.factory';
import { migrateSchema, PreparedDatabase } from './database';
import { seedDemo } from './demo-seed';
import { onShutdownSignal } from './process';

/**
 * Migrates the database, builds the API (with the worker: `withWorker`), seeds the demo trips
 * (embedded Postgres, or SEED_DEMO) and listens. When it fails, main.ts stops the embedded
 * Postgres.
 */
export async function serveApi(
  config: AppConfig,
  database: PreparedDatabase,
  { withWorker, logger }: { withWorker: boolean; logger: Logger },
): Promise<void> {
  await migrateSchema(database, logger);
  const app = await createApiApp({ config, databaseUrl: database.databaseUrl, withWorker });
  onShutdownSignal(async () => {
    await app.close();
    await database.embedded?.stop();
  }, logger);
  await app.init();
  if (config.database.seedDemo ?? database.embedded !== undefined) {
    await seedDemo(
      app.get(CommandBus),
      app.get(QueryBus),
      app.get<Clock>(CLOCK),
      config.catalog,
      logger,
    );
  }
  await app.listen({ port: config.http.port, host: config.http.host });
  if (withWorker) warmUpRenderThreads(app, logger);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(
    `booking API${withWorker ? ' + worker' : ''} listening on ${url} (Swagger UI: ${url}/docs, ` +
      `Redis: ${config.redis.url ? 'configured' : 'absent, degraded mode'})`,
  );
}
