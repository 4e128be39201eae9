import { IJobHandler, JobScheduler } from '@app/jobs';

/** Fire a little after the due time, so the decision sees it as passed. */
const MARGIN_MS = 50;
const RETRIES = { attempts: 5, backoffMs: 200 };

/**
 * Jobs that run a command when something falls due (a hold's expiry, a booking's payment
 * window, a trip's arrival): one job per subject and due time, so the same schedule twice is
 * one job. They only make the work prompt: a sweeper finds whatever they miss, and every
 * command is idempotent.
 */
export abstract class DueJobs<T extends object> implements IJobHandler<T> {
  protected constructor(
    private readonly queue: string,
    private readonly jobs: JobScheduler,
  ) {}

  abstract run(job: T): Promise<void>;

  /** Runs `job` at `dueAt`; `replaces` is the due time of the subject's earlier schedule. */
  async schedule(subject: string, job: T, dueAt: string, replaces?: string): Promise<void> {
    const runAt = new Date(new Date(dueAt).getTime() + MARGIN_MS);
    await this.jobs.schedule(this.queue, this.jobId(subject, dueAt), job, { runAt, ...RETRIES });
    if (replaces && replaces !== dueAt) await this.cancel(subject, replaces);
  }

  async cancel(subject: string, dueAt: string | undefined): Promise<void> {
    if (dueAt) await this.jobs.cancel(this.queue, this.jobId(subject, dueAt));
  }

  private jobId(subject: string, dueAt: string): string {
    return `${this.queue}:${subject}:${new Date(dueAt).getTime()}`;
  }
}
