import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';

const ROOT = resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One process of the cluster under test that can be SIGKILLed and started again on the same
 * port. Its output goes to `<logDir>/<name>.log`; exits nobody asked for are counted.
 */
export class Member {
  private child?: ChildProcess;
  /** Every process started, so that none outlives the run whatever happened. */
  private readonly children = new Set<ChildProcess>();
  private log: WriteStream;
  private stopping = false;
  /** What the current run printed, up to a few KiB. */
  private output = '';
  starts = 0;
  kills = 0;
  unexpectedExits: string[] = [];

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly isReady: (output: string) => Promise<boolean>,
    logDir: string,
  ) {
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    this.stopping = false;
    this.starts++;
    const child = spawn(this.command, this.args, {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.children.add(child);
    this.log.write(`\n==== start ${this.starts} at ${new Date().toISOString()} ====\n`);
    this.output = '';
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.pipe(this.log, { end: false });
      stream.on('data', (chunk) => (this.output = (this.output + chunk).slice(-8192)));
    }
    child.once('exit', (code, signal) => {
      this.children.delete(child);
      if (!this.stopping) this.unexpectedExits.push(`${this.name}: code ${code} signal ${signal}`);
    });
    const deadline = Date.now() + timeoutMs;
    while (!(await this.isReady(this.output).catch(() => false))) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`${this.name} not ready in ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /** As a crash or the OOM killer would: no shutdown hook runs. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
    this.kills++;
  }

  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children].map((child) => {
        if (child.exitCode !== null || child.signalCode) return undefined;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        return exited;
      }),
    );
  }
}

export interface ClusterOptions {
  databaseUrl: string;
  redisPort: number;
  apiPorts: number[];
  smtpUrl: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

/** Two (or more) API processes, a worker and a Redis of their own. */
export class Cluster {
  readonly redis: Member;
  readonly apis: Member[];
  readonly worker: Member;

  constructor(readonly options: ClusterOptions) {
    const { redisPort, apiPorts, dataDir } = options;
    const env = {
      ...options.env,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SMTP_URL: options.smtpUrl,
      DATA_DIR: dataDir,
    };
    this.redis = new Member(
      'redis',
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {},
      async () =>
        spawnSync('redis-cli', ['-p', String(redisPort), 'ping'])
          .stdout?.toString()
          .trim() === 'PONG',
      dataDir,
    );
    this.apis = apiPorts.map(
      (port, i) =>
        new Member(
          `api-${i + 1}`,
          process.execPath,
          [join(ROOT, 'dist/apps/api/src/main.js')],
          { ...env, PORT: String(port), HOST: '127.0.0.1' },
          async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok,
          dataDir,
        ),
    );
    this.worker = new Member(
      'worker',
      process.execPath,
      [join(ROOT, 'dist/apps/worker/src/main.js')],
      { ...env, LOG_LEVEL: 'info' },
      async (output) => output.includes('worker started'),
      dataDir,
    );
  }

  get members(): Member[] {
    return [this.redis, ...this.apis, this.worker];
  }

  async start(): Promise<void> {
    await this.redis.start();
    // The first API migrates the database; the others and the worker find it ready.
    await this.apis[0].start();
    await Promise.all([...this.apis.slice(1), this.worker].map((m) => m.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, this.worker].map((m) => m.stop()));
    await this.redis.stop();
  }
}

/** Terminates a share of the service's Postgres connections, as a failover or a DBA would. */
export async function terminateConnections(admin: Pool, database: string, share: number) {
  const { rows } = await admin.query<{ terminated: boolean }>(
    `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND random() < $2`,
    [database, share],
  );
  return rows.filter((r) => r.terminated).length;
}
