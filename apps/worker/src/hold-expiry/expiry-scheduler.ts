import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isDomainError } from '@app/errors';
import { ExpireSeatLockCommand } from '@app/seating';

const QUEUE = 'seat-hold-expiry';
/** Fire a little after expiresAt, so the decision sees the hold as past its time. */
const MARGIN_MS = 50;

interface ExpiryJob {
  tripId: string;
  lockId: string;
}

/** One job per hold and expiry time: enqueueing the same expiry twice is a no-op. */
const jobId = (lockId: string, expiresAt: string) =>
  `hold-expiry:${lockId}:${new Date(expiresAt).getTime()}`;

/**
 * Expires holds at their expiresAt: a BullMQ delayed job per hold and expiry time when Redis is
 * configured (an extension adds the new one and drops the old, a release drops it), in-process
 * timers otherwise or while Redis is unreachable. Both only make expiry prompt: the sweeper
 * catches whatever they miss, and expiring a hold that was extended or released does nothing.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HoldExpiry');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue?: Queue<ExpiryJob>;
  private readonly worker?: Worker<ExpiryJob>;
  private redisFailing = false;
  private closed = false;

  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (!config.REDIS_URL) return;
    const connection = {
      url: config.REDIS_URL,
      maxRetriesPerRequest: null,
      enableOfflineQueue: false,
    };
    this.queue = new Queue<ExpiryJob>(QUEUE, {
      connection,
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: 1000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 200 },
      },
    });
    // Not started before the command handlers are registered (application bootstrap).
    this.worker = new Worker<ExpiryJob>(QUEUE, (job) => this.expire(job.data), {
      connection,
      concurrency: 8,
      autorun: false,
    });
    this.queue.on('error', (error) => this.redisDown(error));
    this.worker.on('error', (error) => this.redisDown(error));
  }

  onApplicationBootstrap(): void {
    void this.worker?.run().catch((error: Error) => this.redisDown(error));
  }

  async schedule(job: ExpiryJob, expiresAt: string, replaces?: string): Promise<void> {
    if (this.closed) return;
    const delay = Math.max(0, new Date(expiresAt).getTime() - Date.now()) + MARGIN_MS;
    if (this.queue && (await this.scheduleInRedis(job, expiresAt, delay))) {
      if (replaces) await this.removeJob(job.lockId, replaces);
      return;
    }
    this.scheduleInProcess(job, delay);
  }

  async cancel(lockId: string, expiresAt?: string): Promise<void> {
    this.clearTimer(lockId);
    if (expiresAt) await this.removeJob(lockId, expiresAt);
  }

  private async scheduleInRedis(
    job: ExpiryJob,
    expiresAt: string,
    delay: number,
  ): Promise<boolean> {
    try {
      await this.queue!.add('expire', job, { jobId: jobId(job.lockId, expiresAt), delay });
      this.clearTimer(job.lockId);
      this.redisFailing = false;
      return true;
    } catch (error) {
      this.redisDown(error as Error);
      return false;
    }
  }

  private async removeJob(lockId: string, expiresAt: string): Promise<void> {
    if (!this.queue) return;
    // A job already running or gone cannot be removed; it will find nothing to expire.
    await this.queue.remove(jobId(lockId, expiresAt)).catch(() => undefined);
  }

  private scheduleInProcess(job: ExpiryJob, delay: number): void {
    this.clearTimer(job.lockId);
    const timer = setTimeout(() => {
      this.timers.delete(job.lockId);
      this.expire(job).catch((error) =>
        this.logger.warn(
          `expiring hold ${job.lockId} failed, the sweeper will retry: ${(error as Error).message}`,
        ),
      );
    }, delay);
    timer.unref();
    this.timers.set(job.lockId, timer);
  }

  private async expire(job: ExpiryJob): Promise<void> {
    try {
      await this.commands.execute(new ExpireSeatLockCommand(job.tripId, job.lockId));
    } catch (error) {
      if (isDomainError(error) && error.kind !== 'conflict')
        throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  private clearTimer(lockId: string): void {
    const timer = this.timers.get(lockId);
    if (timer) clearTimeout(timer);
    this.timers.delete(lockId);
  }

  private redisDown(error: Error): void {
    if (this.redisFailing || this.closed) return;
    this.redisFailing = true;
    this.logger.warn(
      `Redis unavailable for hold expiry jobs, using in-process timers: ${error.message}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }
}
