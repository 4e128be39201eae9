import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
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

/**
 * Expires holds at their expiresAt: a BullMQ delayed job per hold (one job id per hold, moved on
 * extension, removed on release) when Redis is configured, in-process timers otherwise or while
 * Redis is unreachable. Both are only an accelerator: the sweeper catches whatever they miss.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('HoldExpiry');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue?: Queue<ExpiryJob>;
  private readonly worker?: Worker<ExpiryJob>;
  private redisFailing = false;

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
    this.worker = new Worker<ExpiryJob>(QUEUE, (job) => this.expire(job.data), {
      connection,
      concurrency: 8,
    });
    this.queue.on('error', (error) => this.redisDown(error));
    this.worker.on('error', (error) => this.redisDown(error));
  }

  async schedule(job: ExpiryJob, expiresAt: string): Promise<void> {
    const delay = Math.max(0, new Date(expiresAt).getTime() - Date.now()) + MARGIN_MS;
    if (this.queue && (await this.scheduleInRedis(job, delay))) return;
    this.scheduleInProcess(job, delay);
  }

  async cancel(lockId: string): Promise<void> {
    this.clearTimer(lockId);
    if (!this.queue) return;
    try {
      await this.queue.remove(jobId(lockId));
    } catch {
      // running or already gone: the expiry decision will find nothing to do
    }
  }

  private async scheduleInRedis(job: ExpiryJob, delay: number): Promise<boolean> {
    try {
      const existing = await this.queue!.getJob(jobId(job.lockId));
      if (existing && (await existing.isDelayed())) {
        await existing.changeDelay(delay);
      } else {
        await this.queue!.add('expire', job, { jobId: jobId(job.lockId), delay });
      }
      this.clearTimer(job.lockId);
      this.redisFailing = false;
      return true;
    } catch (error) {
      this.redisDown(error as Error);
      return false;
    }
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
    if (this.redisFailing) return;
    this.redisFailing = true;
    this.logger.warn(
      `Redis unavailable for hold expiry jobs, using in-process timers: ${error.message}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }
}

const jobId = (lockId: string) => `hold-expiry:${lockId}`;
