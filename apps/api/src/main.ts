import './tracing'; // first: see tracing.ts
import { Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/clock';
import { createApiApp } from './app.factory';
import { prepareDatabase } from './bootstrap/database';
import { seedDemo } from './bootstrap/demo-seed';
import { loadConfigOrExit, onShutdownSignal } from './bootstrap/process';

/**
 * The API. With `--with-worker` (what `npm start` does) the worker's subscriptions and jobs run
 * in the same process. Without DATABASE_URL an embedded Postgres is started and seeded.
 */
async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfigOrExit('bus-booking');
  const withWorker = process.argv.includes('--with-worker');
  const database = await prepareDatabase(config, logger);
  try {
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
        config.catalog.currency,
        logger,
      );
    }
    await app.listen({ port: config.http.port, host: config.http.host });
    const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
    logger.log(
      `booking API${withWorker ? ' + worker' : ''} listening on ${url} (Swagger UI: ${url}/docs, ` +
        `Redis: ${config.redis.url ? 'configured' : 'absent, degraded mode'})`,
    );
  } catch (error) {
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error) => {
  new Logger('Bootstrap').error(`start-up failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
