import './tracing'; // first: see tracing.ts
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { coreModules } from '../../api/src/app.module';
import { createLogger, PinoLoggerService } from '../../api/src/ops/logging';
import { prepareDatabase } from '../../api/src/bootstrap/database';
import { loadConfigOrExit, onShutdownSignal } from '../../api/src/bootstrap/process';
import { warmUpRenderThreads } from './tickets/render-threads';
import { WorkerModule } from './worker.module';

/** The worker alone (production): subscriptions, jobs and sweepers, no HTTP. */
async function main(): Promise<void> {
  const logger = new Logger('Worker');
  const config = loadConfigOrExit('bus-booking-worker');
  if (!config.database.url) {
    logger.error('start:worker needs DATABASE_URL (for a single all-in-one process use npm start)');
    process.exit(1);
  }
  const { databaseUrl } = await prepareDatabase(config, logger);

  @Module({ imports: [...coreModules({ config, databaseUrl, withWorker: true }), WorkerModule] })
  class WorkerAppModule {}

  const app = await NestFactory.createApplicationContext(WorkerAppModule, {
    logger: new PinoLoggerService(createLogger(config, 'bus-booking-worker')),
  });
  await app.init();
  warmUpRenderThreads(app, logger);
  // Subscriptions wake on NOTIFY and unref'd timers; this keeps the process waiting for work
  // until it is told to stop.
  const keepAlive = setInterval(() => undefined, 60_000);
  onShutdownSignal(async () => {
    clearInterval(keepAlive);
    await app.close();
  }, logger);
}

main().catch((error) => {
  new Logger('Worker').error(`start-up failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
