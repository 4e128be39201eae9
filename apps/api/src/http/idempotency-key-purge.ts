import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PG_POOL } from '@app/event-store';
import { PeriodicSweep } from '@app/jobs';

const BATCH = 5000;
const EVERY_SECONDS = 3600;

/**
 * Deletes Idempotency-Key answers older than IDEMPOTENCY_KEY_TTL_HOURS (24 h by default, as
 * pretix keeps them), at start and hourly, a batch at a time; any API process may do it.
 * Resolves with how many keys it deleted.
 */
@Injectable()
export class IdempotencyKeyPurge extends PeriodicSweep<number> {
  private readonly logger = new Logger(IdempotencyKeyPurge.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(EVERY_SECONDS);
  }

  protected async sweepOnce(): Promise<number> {
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
}
