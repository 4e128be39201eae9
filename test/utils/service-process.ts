import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { removeTempDir, testTempDir } from './tmp';

const ROOT = resolve(__dirname, '../..');

/** A compiled entry point (`npm test` builds first) running as its own process. */
export class ServiceProcess {
  private output = '';
  private constructor(
    readonly child: ChildProcess,
    private readonly dataDir?: string,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
  }

  /** Files the process writes (DATA_DIR, unless `env` sets one) go to a temporary folder. */
  static start(entry: string, args: string[], env: NodeJS.ProcessEnv): ServiceProcess {
    const dataDir = env.DATA_DIR === undefined ? testTempDir('process') : undefined;
    const child = spawn(process.execPath, [resolve(ROOT, entry), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', DATA_DIR: dataDir, ...env },
    });
    return new ServiceProcess(child, dataDir);
  }

  /** Waits until `ready` resolves true, failing with the process output after the timeout. */
  async until(ready: (output: string) => Promise<boolean> | boolean, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) {
        throw new Error(`exited with ${this.child.exitCode}:\n${this.output}`);
      }
      if (await Promise.resolve(ready(this.output)).catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`not ready in ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    removeTempDir(this.dataDir);
  }

  /** Waits until ready (see `until`); a process that never gets there is stopped. */
  async ready(check: (output: string) => Promise<boolean> | boolean): Promise<this> {
    try {
      await this.until(check);
      return this;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }
}

/** Starts the API (no worker) on `port` and waits until it is ready. */
export async function startApiProcess(port: number, env: NodeJS.ProcessEnv = {}) {
  const api = ServiceProcess.start('dist/apps/api/src/main.js', [], { PORT: String(port), ...env });
  return api.ready(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok);
}

/** Starts the worker alone and waits until its subscriptions run. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv = {}) {
  const worker = ServiceProcess.start('dist/apps/worker/src/main.js', [], env);
  return worker.ready((output) => output.includes('worker started'));
}
