import { Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Client } from 'pg';
import { CLOCK } from '@app/clock';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '../../apps/api/src/bootstrap/database';
import { seedDemo } from '../../apps/api/src/bootstrap/demo-seed';
import { startTestServer, TestServer } from './api-server';

export interface DemoServer extends TestServer {
  /** The server's own database, migrated and seeded with the demo trips only. */
  databaseUrl: string;
}

const admin = () => new Client({ connectionString: process.env.DATABASE_URL });

/**
 * A server on a database of its own with only the demo trips, as a fresh `npm start` has; its
 * `close()` drops the database. For tests that look at every trip or every event.
 */
export async function startDemoServer(
  name: string,
  options: { withWorker?: boolean } = {},
): Promise<DemoServer> {
  const database = `${name}_${process.pid}_${Date.now()}`;
  const client = admin();
  await client.connect();
  await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const quiet = new Logger(name, { timestamp: false });
  quiet.log = () => undefined;
  await prepareDatabase(loadConfig({ DATABASE_URL: databaseUrl }), quiet);
  const server = await startTestServer({ DATABASE_URL: databaseUrl }, options);
  await seedDemo(
    server.app.get(CommandBus),
    server.app.get(QueryBus),
    server.app.get(CLOCK),
    server.config.catalog.currency,
    quiet,
  );
  return {
    ...server,
    databaseUrl,
    close: async () => {
      await server.close();
      const dropper = admin();
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
