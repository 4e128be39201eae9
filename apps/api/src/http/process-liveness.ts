import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Client, Pool } from 'pg';
import { PG_POOL } from '@app/event-store';

/** The advisory lock class of API processes' liveness locks. */
const LIVENESS_LOCK_CLASS = 0x1de0;

/**
 * Tells other API processes that this one is alive, through Postgres itself: a connection of
 * its own holds an advisory lock on this process's id for as long as the process lives. When
 * the process dies, however abruptly, Postgres drops the connection and the lock with it, so
 * `isAlive(id)` is true exactly while the process that took `id` runs.
 */
@Injectable()
export class ProcessLiveness implements OnModuleInit, OnApplicationShutdown {
  readonly id = randomInt(1, 2 ** 31 - 1);
  private readonly logger = new Logger(ProcessLiveness.name);
  private client?: Client;
  private closing = false;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await this.hold();
  }

  private async hold(): Promise<void> {
    const client = new Client((this.pool as Pool & { options: object }).options);
    client.on('error', (error) => {
      if (this.closing) return;
      this.logger.warn(`liveness connection lost (${error.message}); taking the lock again`);
      this.client = undefined;
      setTimeout(() => void this.hold().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1, $2)', [LIVENESS_LOCK_CLASS, this.id]);
    this.client = client;
  }

  /** Whether the API process that took `id` still runs (this one does). */
  async isAlive(id: number): Promise<boolean> {
    if (id === this.id) return true;
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ free: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS free',
        [LIVENESS_LOCK_CLASS, id],
      );
      if (!rows[0].free) return true;
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LIVENESS_LOCK_CLASS, id]);
      return false;
    } finally {
      client.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.client?.end().catch(() => undefined);
  }
}
