import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort } from './ports';

/**
 * A throwaway redis-server of our own, so a test can kill and restart it without touching others.
 * Needs redis-server on PATH: wrap its tests in `describeWithRedisServer` (./requirements).
 */
export class DisposableRedis {
  private process?: ChildProcess;
  private chosen?: number;

  /** `port`: a port to restart on (a killed server's); otherwise a free one is chosen at start. */
  constructor(private readonly fixedPort?: number) {}

  get port(): number {
    const port = this.fixedPort ?? this.chosen;
    if (port === undefined) throw new Error('DisposableRedis has not started yet');
    return port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (spawnSync('redis-server', ['--version']).status !== 0) {
      throw new Error(
        'redis-server is not on PATH; the Redis fault tests need it (apt-get install redis-server)',
      );
    }
    // A first start on a port of our choosing: that port may be taken between the probe and the
    // bind, and then another is tried. A restart stays on its port (clients point there).
    const firstChoice = this.fixedPort === undefined && this.chosen === undefined;
    for (let attempt = 1; ; attempt++) {
      if (firstChoice) this.chosen = await freePort();
      if (await this.launch()) return;
      if (!firstChoice || attempt >= 3) {
        throw new Error(`redis-server did not start on port ${this.port}`);
      }
    }
  }

  /** Whether the server answers PING within 5 s (false at once when it exits, e.g. port taken). */
  private async launch(): Promise<boolean> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.process = child;
    const deadline = Date.now() + 5000;
    while (
      spawnSync('redis-cli', ['-p', String(this.port), 'ping'])
        .stdout?.toString()
        .trim() !== 'PONG'
    ) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        return false;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
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
