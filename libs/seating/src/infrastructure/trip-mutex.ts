import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import Redlock, { Lock } from 'redlock';
import { REDIS_CLIENT } from '@app/redis';

const LOCK_TTL_MS = 2000;

/**
 * A Redis mutex per trip across API instances, so that their appends to one allocation stream
 * take turns instead of failing on the stream version and retrying. It only saves work: the
 * expected-version append decides. Without Redis, or while it is down, work runs unguarded.
 */
@Injectable()
export class TripMutex {
  private readonly logger = new Logger('TripMutex');
  private readonly redlock?: Redlock;
  private degraded = false;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {
    if (redis) {
      this.redlock = new Redlock([redis], { retryCount: 40, retryDelay: 5, retryJitter: 5 });
      this.redlock.on('error', () => undefined); // failures are handled where the lock is taken
    }
  }

  async run<T>(tripId: string, work: () => Promise<T>): Promise<T> {
    if (!this.redlock || this.redis?.status !== 'ready') return work();
    let lock: Lock | undefined;
    try {
      lock = await this.redlock.acquire([`locks:seat-allocation:${tripId}`], LOCK_TTL_MS);
      this.degraded = false;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(
          `trip mutex unavailable, relying on stream versions alone: ${(error as Error).message}`,
        );
      }
    }
    try {
      return await work();
    } finally {
      await lock?.release().catch(() => undefined);
    }
  }
}
