import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { resolve } from 'node:path';
import { freePorts } from '../../../test/utils/ports';
import { removeTempDir, testTempDir } from '../../../test/utils/tmp';

/**
 * `npm start` on a machine with nothing configured: the built service starts its own Postgres,
 * migrates, seeds the demo trips and serves them. Runs the compiled output (`npm test` builds first).
 */
describe('one-command start with an embedded Postgres', () => {
  const root = resolve(__dirname, '../../..');
  const dataDir = testTempDir('embedded');
  chmodSync(dataDir, 0o755); // as root, Postgres runs as its own user and must reach the folder
  let child: ChildProcess;
  let output = '';
  let port: number; // the API's; its Postgres takes the next, the port-taken test the one after

  beforeAll(async () => {
    port = await freePorts(3);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      // SIGTERM lets the service stop its Postgres, which SIGKILL would leave running.
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(kill);
    }
    removeTempDir(dataDir);
  }, 30_000);

  it('serves a demo seat map with no DATABASE_URL or REDIS_URL, and shuts down cleanly', async () => {
    const pgPort = port + 1;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.NODE_ENV;
    child = spawn(process.execPath, ['dist/apps/api/src/main.js', '--with-worker'], {
      cwd: root,
      env,
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));

    const base = `http://127.0.0.1:${port}`;
    const ready = await poll(async () => {
      const response = await fetch(`${base}/health/ready`);
      return response.ok ? response.json() : undefined;
    }, 90_000).catch((error) => {
      throw new Error(`${(error as Error).message}\n--- service output ---\n${output}`);
    });
    expect(ready).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'absent' } });

    const trips: any = await (await fetch(`${base}/trips`)).json();
    const sleeper = trips.items.find((t: { destination: string }) => t.destination === 'Sa Pa');
    const limousine = trips.items.find((t: { destination: string }) => t.destination === 'Đà Lạt');
    expect(sleeper.bus.seatCount).toBe(40);
    expect(limousine.bus.seatCount).toBe(22);

    const seatMap: any = await (await fetch(`${base}/trips/${sleeper.id}/seats`)).json();
    expect(seatMap.seats).toHaveLength(40);
    expect(new Set(seatMap.seats.map((s: { deck: number }) => s.deck))).toEqual(new Set([1, 2]));
    expect(
      seatMap.seats.every(
        (s: { type: string; status: string }) => s.type === 'sleeper' && s.status === 'available',
      ),
    ).toBe(true);
    expect((await fetch(`${base}/docs`)).status).toBe(200);
    // Built on its first request, not at start-up: the document of record all the same.
    const committed = JSON.parse(readFileSync(resolve(root, 'openapi/openapi.json'), 'utf8'));
    expect(await (await fetch(`${base}/docs-json`)).json()).toEqual(committed);

    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('seeded demo trips');
  }, 150_000);

  it('stops with the embedded Postgres’ own words when its port is taken', async () => {
    const takenPort = port + 2;
    const holders = await Promise.all(['127.0.0.1', '::1'].map((host) => listen(takenPort, host)));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        EMBEDDED_PG_PORT: String(takenPort),
        DATA_DIR: dataDir,
      };
      delete env.DATABASE_URL;
      delete env.REDIS_URL;
      const failing = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: root, env });
      let said = '';
      failing.stdout!.on('data', (chunk) => (said += chunk));
      failing.stderr!.on('data', (chunk) => (said += chunk));
      const code = await new Promise((done) => failing.once('exit', done));
      expect(code).toBe(1);
      expect(said).toContain(`the embedded Postgres (port ${takenPort}`);
      expect(said).toContain('could not');
    } finally {
      for (const holder of holders) holder?.close();
    }
  }, 150_000);
});

/** A server on `host:port`, or none where that address does not exist (no IPv6). */
function listen(port: number, host: string): Promise<Server | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(undefined));
    server.listen(port, host, () => done(server));
  });
}

async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`service not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
