import './tracing'; // first: see tracing.ts
import { Logger } from '@nestjs/common';
import { startDatabase } from './bootstrap/database';
import { loadConfigOrExit } from './bootstrap/process';

/**
 * The API. With `--with-worker` (what `npm start` does) the worker's subscriptions and jobs run
 * in the same process. Without DATABASE_URL an embedded Postgres is started and seeded.
 */
async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfigOrExit('bus-booking');
  const withWorker = process.argv.includes('--with-worker');
  const database = startDatabase(config, logger);
  // Loading the application's modules is most of the start-up: they are loaded only now, while
  // an embedded Postgres boots in its own process.
  await database.booting;
  try {
    const { serveApi } = await import('./bootstrap/serve-api');
    await serveApi(config, await database.ready, { withWorker, logger });
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error) => {
  new Logger('Bootstrap').error(`start-up failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
