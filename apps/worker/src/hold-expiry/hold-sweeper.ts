import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ExpireSeatLockCommand, SeatAllocationRepository } from '@app/seating';

const BATCH = 500;

/**
 * Every SWEEP_INTERVAL_SECONDS, records the expiry of holds whose time has passed and whose job
 * was lost (Redis down, worker restarted). Safe with several workers: expiring is idempotent.
 */
@Injectable()
export class HoldSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HoldSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly holds: SeatAllocationRepository,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
    void this.sweep();
  }

  /** Expires what is overdue now; resolves with how many holds it expired. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    let expired = 0;
    try {
      const overdue = await this.holds.overdueHolds(this.clock.now(), BATCH);
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

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
