import { ChildProcess, spawn, spawnSync } from 'node:child_process';

/**
 * A throwaway redis-server of our own, so a test can kill and restart it without touching others.
 * Needs redis-server on PATH: wrap its tests in `describeWithRedisServer` (./requirements).
 */
export class DisposableRedis {
  private process?: ChildProcess;

  constructor(readonly port = 30000 + Math.floor(Math.random() * 20000)) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (spawnSync('redis-server', ['--version']).status !== 0) {
      throw new Error(
        'redis-server is not on PATH; the Redis fault tests need it (apt-get install redis-server)',
      );
    }
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 5000;
    while (
      spawnSync('redis-cli', ['-p', String(this.port), 'ping'])
        .stdout?.toString()
        .trim() !== 'PONG'
    ) {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the server outright, as a crash would. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
