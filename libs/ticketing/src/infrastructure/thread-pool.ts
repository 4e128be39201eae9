import { Transferable, Worker, parentPort } from 'node:worker_threads';

export interface ThreadPoolOptions {
  /** Names the threads: in errors, the inspector and CPU profiles. */
  name: string;
  /** The threads' entry: a file that calls `serveThreadPool`, or code with `eval`. */
  file: string;
  eval?: boolean;
  /** Most threads at once; they start one by one, as tasks wait for a free one. */
  size: number;
  /** Given to each thread at its start (`workerData`). */
  workerData?: unknown;
  /**
   * How long a task may run: past it the thread is terminated, the task fails (its job retries)
   * and a new thread takes its place. A thread stuck in a loop would otherwise hold its task, and
   * whatever waits for it, for ever.
   */
  taskTimeoutMs?: number;
}

interface Task<In, Out> {
  input: In;
  transfer: readonly Transferable[];
  resolve(output: Out): void;
  reject(error: Error): void;
}

interface Thread<In, Out> {
  worker: Worker;
  task?: Task<In, Out>;
  deadline?: NodeJS.Timeout;
  /** Started: a task's time counts from then, not from a cold thread's boot. */
  online?: boolean;
  /** The uncaught error that is ending the thread. */
  error?: Error;
}

type Reply<Out> = { output: Out } | { error: { message: string; stack?: string } };

/**
 * A fixed-size pool of worker threads, each running one task at a time. Threads start when
 * tasks wait for one (none before the first). A thread that dies (an uncaught error, or
 * terminated, or out of time) rejects its task and a new one takes its place when a task needs
 * it, so a thread failing at start-up fails the tasks given to it rather than restarting in a
 * loop. Idle threads do not keep the process alive; `close` terminates them.
 */
export class ThreadPool<In, Out> {
  private readonly threads: Thread<In, Out>[] = [];
  private readonly queue: Task<In, Out>[] = [];
  private closed = false;

  constructor(private readonly options: ThreadPoolOptions) {}

  /** The threads running now. */
  get workers(): readonly Worker[] {
    return this.threads.map((thread) => thread.worker);
  }

  /** Runs `input` on a thread; the buffers in `transfer` move to it instead of being copied. */
  run(input: In, transfer: readonly Transferable[] = []): Promise<Out> {
    if (this.closed) return Promise.reject(new Error(`${this.options.name}: the pool is closed`));
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Fails the waiting tasks and those running, and terminates every thread. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(this.closedError());
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const thread =
        this.threads.find((t) => !t.task) ??
        (this.threads.length < this.options.size ? this.start() : undefined);
      if (!thread) return;
      this.assign(thread, this.queue.shift()!);
    }
  }

  private assign(thread: Thread<In, Out>, task: Task<In, Out>): void {
    try {
      thread.worker.postMessage(task.input, task.transfer);
    } catch (error) {
      task.reject(error as Error); // input that cannot be cloned
      return;
    }
    thread.task = task;
    thread.worker.ref();
    if (thread.online) this.startTheClock(thread);
  }

  private startTheClock(thread: Thread<In, Out>): void {
    const { taskTimeoutMs, name } = this.options;
    if (!taskTimeoutMs) return;
    thread.deadline = setTimeout(() => {
      thread.error = new Error(`${name}: a task ran longer than ${taskTimeoutMs} ms`);
      void thread.worker.terminate();
    }, taskTimeoutMs);
  }

  private start(): Thread<In, Out> {
    const { name, file, workerData } = this.options;
    const worker = new Worker(file, { name, eval: this.options.eval, workerData });
    const thread: Thread<In, Out> = { worker };
    worker.once('online', () => {
      thread.online = true;
      if (thread.task) this.startTheClock(thread);
    });
    worker.on('message', (reply: Reply<Out>) => this.settle(thread, reply));
    worker.on('error', (error) => (thread.error = error));
    worker.on('exit', (code) => this.exited(thread, code));
    this.threads.push(thread);
    return thread;
  }

  private settle(thread: Thread<In, Out>, reply: Reply<Out>): void {
    const task = thread.task;
    thread.task = undefined;
    clearTimeout(thread.deadline);
    thread.worker.unref();
    if ('error' in reply) {
      task?.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
    } else {
      task?.resolve(reply.output);
    }
    this.dispatch();
  }

  private exited(thread: Thread<In, Out>, code: number): void {
    clearTimeout(thread.deadline);
    this.threads.splice(this.threads.indexOf(thread), 1);
    thread.task?.reject(
      this.closed
        ? this.closedError()
        : (thread.error ?? new Error(`${this.options.name}: thread exited with code ${code}`)),
    );
    this.dispatch();
  }

  private closedError(): Error {
    return new Error(`${this.options.name}: the pool is closed`);
  }
}

/**
 * The thread side of a ThreadPool: answers each task with `handle`'s output, moving the buffers
 * it lists in `transfer` to the pool's thread instead of copying them. A rejection is sent back
 * as the task's error; the thread goes on.
 */
export function serveThreadPool<In, Out>(
  handle: (input: In) => Promise<{ output: Out; transfer?: Transferable[] }>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveThreadPool runs in a worker thread');
  port.on('message', (input: In) => {
    handle(input).then(
      ({ output, transfer }) => port.postMessage({ output }, transfer),
      (error: unknown) => {
        const { message, stack } =
          error instanceof Error ? error : { message: String(error), stack: undefined };
        port.postMessage({ error: { message, stack } });
      },
    );
  });
}
