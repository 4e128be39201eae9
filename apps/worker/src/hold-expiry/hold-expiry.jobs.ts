import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { JOB_SCHEDULER, JobHandler, JobScheduler } from '@app/jobs';
import { ExpireSeatLockCommand } from '@app/seating';
import { DueJobs } from '../jobs/due-jobs';

export const HOLD_EXPIRY_QUEUE = 'seat-hold-expiry';

interface HoldExpiryJob {
  tripId: string;
  lockId: string;
}

/** Expires each hold at its expiresAt (an extension moves the job, a release drops it). */
@JobHandler(HOLD_EXPIRY_QUEUE)
export class HoldExpiryJobs extends DueJobs<HoldExpiryJob> {
  constructor(
    @Inject(JOB_SCHEDULER) jobs: JobScheduler,
    private readonly commands: CommandBus,
  ) {
    super(HOLD_EXPIRY_QUEUE, jobs);
  }

  async run({ tripId, lockId }: HoldExpiryJob): Promise<void> {
    await this.commands.execute(new ExpireSeatLockCommand(tripId, lockId));
  }
}
