import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '../../apps/api/src/bootstrap/database';

const admin = () => new Client({ connectionString: process.env.DATABASE_URL });

/**
 * A database of the test's own beside the shared test database, migrated: for tests whose
 * workers sweep every booking in the database, or that look at every trip or event.
 */
export async function createOwnDatabase(
  name: string,
): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
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
  await prepareDatabase(loadConfig({ ...process.env, DATABASE_URL: databaseUrl }), quiet);
  return {
    databaseUrl,
    drop: async () => {
      const dropper = admin();
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
