import { Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CLOCK } from '@app/clock';
import { seedDemo } from '../../apps/api/src/bootstrap/demo-seed';
import { startTestServer, TestServer } from './api-server';
import { createOwnDatabase } from './own-database';

export interface DemoServer extends TestServer {
  /** The server's own database, migrated and seeded with the demo trips only. */
  databaseUrl: string;
}

/**
 * A server on a database of its own with only the demo trips, as a fresh `npm start` has; its
 * `close()` drops the database. For tests that look at every trip or every event.
 */
export async function startDemoServer(
  name: string,
  options: { withWorker?: boolean } = {},
): Promise<DemoServer> {
  const { databaseUrl, drop } = await createOwnDatabase(name);
  const quiet = new Logger(name, { timestamp: false });
  quiet.log = () => undefined;
  const server = await startTestServer({ DATABASE_URL: databaseUrl }, options);
  await seedDemo(
    server.app.get(CommandBus),
    server.app.get(QueryBus),
    server.app.get(CLOCK),
    server.config.catalog,
    quiet,
  );
  return {
    ...server,
    databaseUrl,
    close: async () => {
      await server.close();
      await drop();
    },
  };
}
