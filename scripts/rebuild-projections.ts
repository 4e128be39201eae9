/* eslint-disable no-console */
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@app/config';
import { InlineProjectionRegistry, ProjectionRebuilder } from '@app/event-store';
import { coreModules } from '../apps/api/src/app.module';
import { prepareDatabase } from '../apps/api/src/bootstrap/database';

/**
 * Rebuilds read models from the event log: `npm run projections:rebuild [-- <name> …]`, every
 * inline projection when no name is given. Each rebuild empties its read model and replays the
 * events it handles in one transaction; appends wait meanwhile, so the service may keep running.
 */
class RebuildModule {}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Rebuild');
  const database = await prepareDatabase(config, logger);
  const app = await NestFactory.createApplicationContext(
    {
      module: RebuildModule,
      imports: coreModules({ config, databaseUrl: database.databaseUrl, withWorker: false }),
    },
    { logger: ['error', 'warn'] },
  );
  try {
    await app.init();
    const registry = app.get(InlineProjectionRegistry);
    const rebuilder = app.get(ProjectionRebuilder);
    const wanted = process.argv.slice(2);
    const names = wanted.length > 0 ? wanted : registry.all().map((p) => p.name);
    for (const name of names) {
      const started = Date.now();
      const replayed = await rebuilder.rebuild(name);
      console.log(`${name}: ${replayed} events replayed in ${Date.now() - started} ms`);
    }
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
