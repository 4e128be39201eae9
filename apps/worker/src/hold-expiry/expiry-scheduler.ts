import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig, queuePrefix } from '@app/config';
import { ExpireSeatLockCommand } from '@app/seating';
import { DelayedJobs } from '../jobs/delayed-jobs';

interface ExpiryJob {
  tripId: string;
  lockId: string;
}

/** Expires each hold at its expiresAt (an extension moves the job, a release drops it). */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly jobs: DelayedJobs<ExpiryJob>;

  constructor(commands: CommandBus, @Inject(APP_CONFIG) config: AppConfig) {
    this.jobs = new DelayedJobs<ExpiryJob>({
      queue: 'seat-hold-expiry',
      label: 'hold expiry',
      subjectOf: (job) => job.lockId,
      run: async (job) => {
        await commands.execute(new ExpireSeatLockCommand(job.tripId, job.lockId));
      },
      redisUrl: config.REDIS_URL,
      prefix: queuePrefix(config),
    });
  }

  onApplicationBootstrap(): void {
    this.jobs.start();
  }

  schedule(job: ExpiryJob, expiresAt: string, replaces?: string): Promise<void> {
    return this.jobs.schedule(job, expiresAt, replaces);
  }

  cancel(lockId: string, expiresAt?: string): Promise<void> {
    return this.jobs.cancel(lockId, expiresAt);
  }

  onApplicationShutdown(): Promise<void> {
    return this.jobs.close();
  }
}
