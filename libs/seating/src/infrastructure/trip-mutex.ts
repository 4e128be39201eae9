import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import Redlock, { Lock } from 'redlock';
import { REDIS_CLIENT } from '@app/redis';
import { setBounded } from '@app/collections';

const LOCK_TTL_MS = 2000;
/** Longer than a busy trip's batch; past this the work goes ahead unguarded rather than wait. */
const ACQUIRE_TIMEOUT_MS = 500;
const RELEASE_WAIT_MS = 50;
/** How long a trip's appends take turns after one last collided with another process'. */
const CONTENDED_MS = 60_000;
const MAX_CONTENDED_TRIPS = 10_000;

/**
 * A Redis mutex per trip across processes, so that their appends to one allocation stream take
 * turns instead of failing on the stream version and retrying. It only saves work: the
 * expected-version append decides. So it is taken only for trips whose appends collided with
 * another process' lately (noteContention: a conflict, or a stale state found when nothing was
 * appended); other trips, e.g. those only this process writes, or seldom the worker (hold
 * expiries), cost no Redis round trips. Without Redis, while it is down, or when it does not
 * answer in time, work runs unguarded.
 */
@Injectable()
export class TripMutex {
  private readonly logger = new Logger('TripMutex');
  private readonly redlock?: Redlock;
  private degraded = false;
  /** Trips whose appends collided with another process' lately, until when they take turns. */
  private readonly contended = new Map<string, number>();

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {
    if (redis) {
      this.redlock = new Redlock([redis], { retryCount: 40, retryDelay: 5, retryJitter: 5 });
      this.redlock.on('error', () => undefined); // failures are handled where the lock is taken
    }
  }

  /** This process' state of the trip was overtaken by another's append: take turns for a while. */
  noteContention(tripId: string): void {
    const now = Date.now();
    if (this.contended.size >= MAX_CONTENDED_TRIPS) {
      for (const [id, until] of this.contended) if (until <= now) this.contended.delete(id);
    }
    setBounded(this.contended, tripId, now + CONTENDED_MS, MAX_CONTENDED_TRIPS);
  }

  async run<T>(tripId: string, work: () => Promise<T>): Promise<T> {
    if (!this.redlock || this.redis?.status !== 'ready') return work();
    if ((this.contended.get(tripId) ?? 0) <= Date.now()) return work();
    let lock: Lock | undefined;
    try {
      lock = await this.acquire(tripId);
      this.degraded = false;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(
          `could not take the trip mutex, relying on stream versions alone: ${(error as Error).message}`,
        );
      }
    }
    try {
      return await work();
    } finally {
      // Released before the next turn is asked for, so waiting instances can get it; but never
      // waited on for long: an unanswering Redis must not hold up the trip (the TTL ends it).
      if (lock) {
        const released = lock.release().catch(() => undefined);
        await Promise.race([
          released,
          new Promise((resolve) => setTimeout(resolve, RELEASE_WAIT_MS)),
        ]);
      }
    }
  }

  private acquire(tripId: string): Promise<Lock> {
    return new Promise<Lock>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`Redis did not grant it within ${ACQUIRE_TIMEOUT_MS} ms`));
      }, ACQUIRE_TIMEOUT_MS);
      this.redlock!.acquire([`locks:seat-allocation:${tripId}`], LOCK_TTL_MS).then(
        (lock) => {
          clearTimeout(timer);
          if (timedOut)
            void lock.release().catch(() => undefined); // granted after we gave up
          else resolve(lock);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
