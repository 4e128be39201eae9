import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PG_POOL } from '@app/event-store';

const BATCH = 5000;
const EVERY_MS = 3600_000;

/**
 * Deletes Idempotency-Key answers older than IDEMPOTENCY_KEY_TTL_HOURS (24 h by default, as
 * pretix keeps them), at start and hourly, a batch at a time; any API process may do it.
 */
@Injectable()
export class IdempotencyKeyPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeyPurge.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), EVERY_MS);
    this.timer.unref();
    void this.purge();
  }

  /** Purges now (or joins the purge in progress); how many keys were deleted. */
  purge(): Promise<number> {
    this.running ??= this.purgeOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async purgeOnce(): Promise<number> {
    let deleted = 0;
    try {
      for (;;) {
        const { rowCount } = await this.pool.query(
          `DELETE FROM idempotency_keys WHERE ctid IN (
             SELECT ctid FROM idempotency_keys
              WHERE created_at < now() - make_interval(hours => $1) LIMIT $2)`,
          [this.config.http.idempotencyKeyTtlHours, BATCH],
        );
        deleted += rowCount ?? 0;
        if ((rowCount ?? 0) < BATCH) break;
      }
      if (deleted > 0) this.logger.log(`deleted ${deleted} expired idempotency key(s)`);
    } catch (error) {
      this.logger.warn(
        `purging idempotency keys failed, will try again: ${(error as Error).message}`,
      );
    }
    return deleted;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
