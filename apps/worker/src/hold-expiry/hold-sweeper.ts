import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ExpireSeatLockCommand, OverdueHolds } from '@app/seating';
import { PeriodicSweep } from '@app/jobs';

const BATCH = 500;

/**
 * Every SWEEP_INTERVAL_SECONDS, records the expiry of holds whose time has passed and whose job
 * was lost (Redis down, worker restarted). Safe with several workers: expiring is idempotent.
 * Resolves with how many holds it expired.
 */
@Injectable()
export class HoldSweeper extends PeriodicSweep<number> {
  private readonly logger = new Logger('HoldSweeper');

  constructor(
    private readonly holds: OverdueHolds,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.worker.sweepIntervalSeconds);
  }

  protected async sweepOnce(): Promise<number> {
    let expired = 0;
    try {
      const overdue = await this.holds.list(this.clock.now(), BATCH);
      for (const { tripId, lockId } of overdue) {
        const result = await this.commands.execute(new ExpireSeatLockCommand(tripId, lockId));
        if (result.expired) expired++;
      }
      if (expired > 0) this.logger.log(`expired ${expired} overdue hold(s)`);
    } catch (error) {
      this.logger.warn(`sweep failed, will try again: ${(error as Error).message}`);
    }
    return expired;
  }
}
