import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Job, Worker } from 'bullmq';
import { JobRunner } from './job-runner';
import { JobsRedis } from './jobs-redis';

/** How long a worker waits after an error before it fetches again (when Redis is ready). */
const PAUSE_AFTER_ERROR_MS = 500;

/**
 * The base of the worker's BullMQ processors: a processor is `@Processor(queue, { concurrency,
 * autorun: false })` on a class extending this one, and runs each job through the queue's
 * `@JobHandler` (as the in-process fallback does). Its worker starts once the application has
 * booted (command handlers registered) and, at shutdown, finishes its current jobs before the
 * connections close. Without Redis there is no worker, and this does nothing.
 */
@Injectable()
export abstract class JobProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(
    private readonly runner: JobRunner,
    private readonly redis: JobsRedis,
  ) {
    super();
  }

  process(job: Job): Promise<void> {
    return this.runner.run(job.queueName, job.data as object, {
      jobId: job.id!,
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
    });
  }

  /**
   * With Redis away every fetch fails at once (no offline queue), and BullMQ's loop asks again
   * at once: a loop of rejected promises that never yields to the event loop, so not even the
   * reconnection timer runs (a chaos run saw a worker spin at 100 % CPU for good). The worker
   * pauses on any error, whatever the shared connection's status says: the failing connection may
   * be the worker's blocking one, and the shared one learns of the loss only from an I/O callback
   * that a spinning loop never lets run (a CI run hung so). It resumes after a pause if the
   * connection is ready then, or else when it is ready again.
   */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.redis.failed(error);
    const worker = this.bullWorker();
    if (!worker || worker.isPaused() || worker.closing) return;
    void worker.pause(true);
    setTimeout(() => this.resumeIfReady(worker), PAUSE_AFTER_ERROR_MS).unref();
  }

  /** Jobs run at once, when the configuration decides (else the `@Processor` option). */
  protected concurrency(): number | undefined {
    return undefined;
  }

  onApplicationBootstrap(): void {
    const worker = this.bullWorker();
    if (!worker) return;
    const concurrency = this.concurrency();
    if (concurrency !== undefined) worker.concurrency = concurrency;
    this.redis.client?.on('ready', () => this.resumeIfReady(worker));
    if (!worker.isRunning()) {
      worker.run().catch((error: Error) => this.redis.failed(error));
    }
  }

  private resumeIfReady(worker: Worker): void {
    if (this.redis.ready && worker.isPaused() && !worker.closing) worker.resume();
  }

  /**
   * Before the connections close, the current jobs finish. With Redis away a graceful close
   * would wait for it forever: the worker stops at once, and its jobs, stalled, run again later.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.bullWorker()?.close(!this.redis.ready);
  }

  /** The BullMQ worker @nestjs/bullmq made for this processor; none without Redis. */
  private bullWorker(): Worker | undefined {
    try {
      return this.worker;
    } catch {
      return undefined;
    }
  }
}
