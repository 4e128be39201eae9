import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs `sweepOnce` at start-up and then every interval, never twice at a time; shutdown waits
 * for the sweep in progress. Sweepers find the work that lost jobs missed, or clear what expired.
 */
export abstract class PeriodicSweep<Result>
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private timer?: NodeJS.Timeout;
  private running?: Promise<Result>;

  protected constructor(private readonly intervalSeconds: number) {}

  protected abstract sweepOnce(): Promise<Result>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalSeconds * 1000);
    this.timer.unref();
    void this.sweep();
  }

  /** Sweeps now (or joins the sweep in progress). */
  sweep(): Promise<Result> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
