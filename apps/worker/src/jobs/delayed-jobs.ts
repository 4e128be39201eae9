import { Logger } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { isDomainError } from '@app/errors';
import { bullConnection, closeQuietly } from '@app/redis';

/** setTimeout cannot wait longer; later work is left to the sweepers. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Fire a little after the due time, so the decision sees it as passed. */
const MARGIN_MS = 50;

export interface DelayedJobsOptions<T> {
  queue: string;
  /** What the jobs are about, for logs (`hold expiry`). */
  label: string;
  /** Identifies the subject (one pending job per subject and due time). */
  subjectOf(job: T): string;
  run(job: T): Promise<void>;
  redisUrl?: string;
  /** BullMQ key prefix (the worker group's). */
  prefix?: string;
  concurrency?: number;
}

/**
 * Runs a command at a given time: a BullMQ delayed job per subject and due time when Redis is
 * configured (the same schedule twice is one job), in-process timers otherwise or while Redis is
 * unreachable. Either only makes the work prompt; a sweeper finds whatever they miss, and every
 * job's command is idempotent. Domain refusals are not retried.
 */
export class DelayedJobs<T extends object> {
  private readonly logger: Logger;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue?: Queue<T>;
  private readonly worker?: Worker<T>;
  private redisFailing = false;
  private closed = false;

  constructor(private readonly options: DelayedJobsOptions<T>) {
    this.logger = new Logger(`Jobs:${options.queue}`);
    if (!options.redisUrl) return;
    const connection = bullConnection(options.redisUrl);
    this.queue = new Queue<T>(options.queue, {
      connection,
      prefix: options.prefix,
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: 1000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 200 },
      },
    });
    // Started by start(), once the command handlers are registered.
    this.worker = new Worker<T>(options.queue, (job) => this.execute(job.data), {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 8,
      autorun: false,
    });
    this.queue.on('error', (error) => this.redisDown(error));
    this.worker.on('error', (error) => this.redisDown(error));
  }

  start(): void {
    void this.worker?.run().catch((error: Error) => this.redisDown(error));
  }

  /** Runs `job` at `dueAt`; `replaces` is the due time of the subject's earlier schedule. */
  async schedule(job: T, dueAt: string, replaces?: string): Promise<void> {
    if (this.closed) return;
    const subject = this.options.subjectOf(job);
    const delay = Math.max(0, new Date(dueAt).getTime() - Date.now()) + MARGIN_MS;
    if (this.queue && (await this.scheduleInRedis(job, subject, dueAt, delay))) {
      if (replaces) await this.removeJob(subject, replaces);
      return;
    }
    this.scheduleInProcess(job, subject, delay);
  }

  async cancel(subject: string, dueAt?: string): Promise<void> {
    this.clearTimer(subject);
    if (dueAt) await this.removeJob(subject, dueAt);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await closeQuietly(this.worker);
    await closeQuietly(this.queue);
  }

  private jobId(subject: string, dueAt: string): string {
    return `${this.options.queue}:${subject}:${new Date(dueAt).getTime()}`;
  }

  private async scheduleInRedis(job: T, subject: string, dueAt: string, delay: number) {
    try {
      // BullMQ's generic name/data types do not narrow for a generic T.
      await (this.queue as Queue).add('run', job, { jobId: this.jobId(subject, dueAt), delay });
      this.clearTimer(subject);
      this.redisFailing = false;
      return true;
    } catch (error) {
      this.redisDown(error as Error);
      return false;
    }
  }

  private async removeJob(subject: string, dueAt: string): Promise<void> {
    if (!this.queue) return;
    // A job already running or gone cannot be removed; its command will find nothing to do.
    await this.queue.remove(this.jobId(subject, dueAt)).catch(() => undefined);
  }

  private scheduleInProcess(job: T, subject: string, delay: number): void {
    this.clearTimer(subject);
    if (delay > MAX_TIMER_MS) return;
    const timer = setTimeout(() => {
      this.timers.delete(subject);
      this.execute(job).catch((error) =>
        this.logger.warn(
          `${this.options.label} of ${subject} failed, the sweeper will retry: ${(error as Error).message}`,
        ),
      );
    }, delay);
    timer.unref();
    this.timers.set(subject, timer);
  }

  private async execute(job: T): Promise<void> {
    try {
      await this.options.run(job);
    } catch (error) {
      if (isDomainError(error) && error.kind !== 'conflict')
        throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  private clearTimer(subject: string): void {
    const timer = this.timers.get(subject);
    if (timer) clearTimeout(timer);
    this.timers.delete(subject);
  }

  private redisDown(error: Error): void {
    if (this.redisFailing || this.closed) return;
    this.redisFailing = true;
    this.logger.warn(
      `Redis unavailable for ${this.options.label} jobs, using in-process timers: ${error.message}`,
    );
  }
}
