/**
 * The port through which the service runs work later or elsewhere: hold and booking timers,
 * ticket e-mails. Two adapters implement it: BullMQ (Redis) and an in-process fallback used
 * without Redis or while it is unreachable. A job names its queue, whose handler runs it
 * (`@JobHandler`), and an id unique in the queue.
 */
export interface JobScheduler {
  /**
   * Runs `data` through `queue`'s handler, now or at `options.runAt` / after `options.delayMs`.
   * The same `jobId` scheduled again while the job is pending, running or recently done is
   * the same job (idempotent enqueue). A failed attempt is retried with exponential backoff
   * up to `options.attempts`, unless it threw an `UnrecoverableError`.
   */
  schedule<T extends object>(
    queue: string,
    jobId: string,
    data: T,
    options?: ScheduleOptions,
  ): Promise<void>;
  /** Drops a pending job; nothing happens for a job that is running, done or unknown. */
  cancel(queue: string, jobId: string): Promise<void>;
}

export const JOB_SCHEDULER = Symbol('JOB_SCHEDULER');

export interface ScheduleOptions {
  /** When to run it (a Date or an ISO string); give this or `delayMs`, or neither for now. */
  runAt?: Date | string;
  /** How long from now to run it. */
  delayMs?: number;
  /** Attempts in all, the first included (default 1: no retry). */
  attempts?: number;
  /** Wait before the first retry, doubled for each next one (default 1000 ms). */
  backoffMs?: number;
}

export const DEFAULT_BACKOFF_MS = 1000;

/** What one attempt of a job is told about itself. */
export interface JobAttempt {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Attempts in all. */
  attempts: number;
}

/** How long from `now` a job is due (never negative). */
export function delayOf(options: ScheduleOptions, now = Date.now()): number {
  if (options.runAt !== undefined && options.delayMs !== undefined) {
    throw new Error('Schedule a job with runAt or delayMs, not both');
  }
  const runAt = options.runAt === undefined ? undefined : new Date(options.runAt).getTime();
  if (runAt !== undefined && Number.isNaN(runAt)) {
    throw new Error(`Invalid runAt: ${String(options.runAt)}`);
  }
  return Math.max(0, runAt === undefined ? (options.delayMs ?? 0) : runAt - now);
}

/** The wait after failed attempt `attempt` (1-based): BullMQ's exponential backoff. */
export const backoffAfter = (attempt: number, backoffMs = DEFAULT_BACKOFF_MS): number =>
  backoffMs * 2 ** (attempt - 1);

/**
 * Checks a job id the way BullMQ does, so both adapters accept the same ids: a non-empty
 * string, not an integer, with no `:` or exactly three `:`-separated parts (`queue:subject:key`).
 */
export function assertJobId(jobId: string): void {
  const parts = jobId.split(':');
  if (
    !jobId ||
    String(parseInt(jobId, 10)) === jobId ||
    (parts.length !== 1 && parts.length !== 3)
  ) {
    throw new Error(
      `Invalid job id "${jobId}": a non-integer string with no ':' or three ':'-separated parts`,
    );
  }
}
