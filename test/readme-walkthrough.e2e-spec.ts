import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { CLOCK } from '@app/clock';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '../apps/api/src/bootstrap/database';
import { seedDemo } from '../apps/api/src/bootstrap/demo-seed';
import { startTestServer, TestServer } from './utils/api-server';
import { removeTempDir, testTempDir } from './utils/tmp';
import { describeWith, SHELL_TOOLS } from './utils/requirements';

/** The README's walk-through, run as a reader would paste it, against a real server. */
const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
const block = /<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(
  readme,
)?.[1];

/** Runs the script without blocking this process, which serves the API it calls. */
function run(script: string, api: string): Promise<{ status: number; output: string }> {
  // The walk-through writes into a folder of `mktemp -d`, made here under the run's own folder.
  const tmp = testTempDir('readme');
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, API: api, TMPDIR: tmp },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        removeTempDir(tmp);
        resolve({ status: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

describeWith(SHELL_TOOLS, 'README walk-through', () => {
  // A database of its own with only the demo trips, as a fresh `npm start` has.
  const database = `readme_${process.pid}_${Date.now()}`;
  const admin = () => new Client({ connectionString: process.env.DATABASE_URL });
  let server: TestServer;
  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${database}`;
    const quiet = new Logger('readme', { timestamp: false });
    quiet.log = () => undefined;
    await prepareDatabase(loadConfig({ DATABASE_URL: url.toString() }), quiet);
    server = await startTestServer({ DATABASE_URL: url.toString() }, { withWorker: true });
    await seedDemo(
      server.app.get(CommandBus),
      server.app.get(QueryBus),
      server.app.get(CLOCK),
      server.config.CURRENCY,
      quiet,
    );
  });
  afterAll(async () => {
    await server?.close();
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
  });

  it('books, pays, downloads, e-mails, looks up and cancels, and works the second time too', async () => {
    expect(block).toBeDefined();
    for (const attempt of [1, 2]) {
      const { status, output } = await run(block!, server.baseUrl);
      expect([attempt, status, output]).toEqual([attempt, 0, expect.any(String)]);
      expect(output).toMatch(/"status":"confirmed"/);
      expect(output).toMatch(/e-ticket: .*ticket\.pdf/);
      expect(output).toMatch(/TicketEmailed/);
      expect(output).toMatch(/"status":"cancelled"/);
    }
  });

  it('stops with the problem’s code and detail at the first error', async () => {
    const broken = block!.replace(
      '"/trips/$1/seats"',
      '"/trips/00000000-0000-4000-8000-000000000000/seats"',
    );
    const { status, output } = await run(broken, server.baseUrl);
    expect(status).not.toBe(0);
    expect(output).toContain(
      '404 trip.not_found: Trip 00000000-0000-4000-8000-000000000000 does not exist.',
    );
    expect(output).not.toContain('confirmed');
  });
});
