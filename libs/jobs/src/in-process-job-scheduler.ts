import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobRunner } from './job-runner';
import { withTraceContext } from './job-trace';
import {
  assertJobId,
  backoffAfter,
  delayOf,
  JobAttempt,
  JobScheduler,
  ScheduleOptions,
} from './job-scheduler';

/** setTimeout cannot wait longer; work due later is left to the sweepers. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Ids of finished jobs remembered, so scheduling one again is a no-op (as BullMQ keeps them). */
const KEEP_FINISHED = 1000;
/** How long shutdown waits for the jobs running in this process. */
const CLOSE_WAIT_MS = 10_000;

const keyOf = (queue: string, jobId: string) => `${queue}\u0000${jobId}`;

/**
 * The fallback adapter: runs jobs in this process with timers, retrying failed attempts with
 * exponential backoff. Used without REDIS_URL, and by the BullMQ adapter while Redis is
 * unreachable. Jobs live as long as the process: at shutdown the pending ones are dropped (a
 * sweeper or a replayed event schedules their work again) and the running ones finish.
 */
@Injectable()
export class InProcessJobScheduler implements JobScheduler, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly finished = new Set<string>();
  private closed = false;

  constructor(private readonly runner: JobRunner) {}

  async schedule<T extends object>(
    queue: string,
    jobId: string,
    data: T,
    options: ScheduleOptions = {},
  ): Promise<void> {
    assertJobId(jobId);
    const delay = delayOf(options);
    if (this.closed) return;
    if (!this.runner.handles(queue)) {
      throw new Error(`No handler for the ${queue} queue in this process`);
    }
    const key = keyOf(queue, jobId);
    if (this.timers.has(key) || this.running.has(key) || this.finished.has(key)) return;
    if (delay > MAX_TIMER_MS) {
      this.logger.debug(`${queue} job ${jobId} is due too late for a timer; left to the sweeper`);
      return;
    }
    const first: JobAttempt = { jobId, attempt: 1, attempts: options.attempts ?? 1 };
    const traced = withTraceContext(data);
    this.arm(key, delay, () => this.attempt(key, queue, traced, first, options.backoffMs));
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    const key = keyOf(queue, jobId);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Drops the pending jobs and waits (a while) for the running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.running.values()),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  /** After the worker's subscriptions stopped (this module is global: its hooks come last). */
  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private arm(key: string, delay: number, run: () => void): void {
    this.armUntil(key, Date.now() + delay, run);
  }

  /**
   * A timer may fire a millisecond before the wall clock reaches its time (libuv counts on its
   * own clock, rounded): a job never runs before it is due, so an early timer is armed again.
   */
  private armUntil(key: string, dueAt: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        if (Date.now() < dueAt) return this.armUntil(key, dueAt, run);
        this.timers.delete(key);
        run();
      },
      Math.max(0, dueAt - Date.now()),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  private attempt(
    key: string,
    queue: string,
    data: object,
    attempt: JobAttempt,
    backoffMs?: number,
  ): void {
    const run = this.runner
      .run(queue, data, attempt)
      .then(
        () => this.finish(key),
        (error: unknown) => {
          const retry =
            !this.closed &&
            !(error instanceof UnrecoverableError) &&
            attempt.attempt < attempt.attempts;
          if (!retry) return this.finish(key);
          const next = { ...attempt, attempt: attempt.attempt + 1 };
          this.arm(key, backoffAfter(attempt.attempt, backoffMs), () =>
            this.attempt(key, queue, data, next, backoffMs),
          );
        },
      )
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
  }

  private finish(key: string): void {
    this.finished.add(key);
    if (this.finished.size > KEEP_FINISHED) {
      this.finished.delete(this.finished.values().next().value!);
    }
  }
}
