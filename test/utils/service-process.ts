import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** A compiled entry point (`npm test` builds first) running as its own process. */
export class ServiceProcess {
  private output = '';
  private constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
  }

  static start(entry: string, args: string[], env: NodeJS.ProcessEnv): ServiceProcess {
    const child = spawn(process.execPath, [resolve(ROOT, entry), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    });
    return new ServiceProcess(child);
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
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Starts the API (no worker) on `port` and waits until it is ready. */
export async function startApiProcess(port: number, env: NodeJS.ProcessEnv = {}) {
  const api = ServiceProcess.start('dist/apps/api/src/main.js', [], { PORT: String(port), ...env });
  await api.until(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok);
  return api;
}

/** Starts the worker alone and waits until its subscriptions run. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv = {}) {
  const worker = ServiceProcess.start('dist/apps/worker/src/main.js', [], env);
  await worker.until((output) => output.includes('worker started'));
  return worker;
}
