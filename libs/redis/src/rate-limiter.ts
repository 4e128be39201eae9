import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { withDeadline } from './deadline';
import { REDIS_CLIENT } from './redis-client.token';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
  remaining: number;
}

const SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

const MAX_LOCAL_KEYS = 100_000;
/** Still starting counts as usable (commands wait for the connection), briefly. */
const USABLE = new Set(['wait', 'connecting', 'connect', 'ready']);
const TIMEOUT_MS = 300;

const withTimeout = <T>(work: Promise<T>) =>
  withDeadline(work, TIMEOUT_MS, 'Redis did not answer in time');

/**
 * Fixed-window counters: in Redis, so every instance counts together; in memory (per process)
 * without Redis or while it is unreachable, so limits still hold, only per instance.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  private degraded = false;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  /** Counts one attempt under `key`. */
  async consume(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const windowMs = windowSeconds * 1000;
    let count: number;
    let ttlMs: number;
    if (this.redis && USABLE.has(this.redis.status)) {
      try {
        const [n, ttl] = await withTimeout(
          this.redis.eval(SCRIPT, 1, `rate:${key}`, windowMs) as Promise<[number, number]>,
        );
        this.degraded = false;
        [count, ttlMs] = [n, ttl];
      } catch (error) {
        this.warnOnce(error as Error);
        [count, ttlMs] = this.countLocally(key, windowMs);
      }
    } else {
      if (this.redis) this.warnOnce(new Error(`connection ${this.redis.status}`));
      [count, ttlMs] = this.countLocally(key, windowMs);
    }
    return {
      allowed: count <= limit,
      retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      remaining: Math.max(0, limit - count),
    };
  }

  /** The attempts counted under `key` in the current window (without counting one more). */
  async peek(key: string): Promise<{ count: number; retryAfterSeconds: number }> {
    if (this.redis && USABLE.has(this.redis.status)) {
      try {
        const [count, ttl] = await withTimeout(
          Promise.all([this.redis.get(`rate:${key}`), this.redis.pttl(`rate:${key}`)]),
        );
        return { count: Number(count ?? 0), retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
      } catch (error) {
        this.warnOnce(error as Error);
      }
    }
    const entry = this.local.get(key);
    const now = Date.now();
    if (!entry || entry.resetAt <= now) return { count: 0, retryAfterSeconds: 1 };
    return {
      count: entry.count,
      retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)),
    };
  }

  /** Forgets the attempts under `key` (e.g. after a successful verification). */
  async reset(key: string): Promise<void> {
    this.local.delete(key);
    if (this.redis && this.redis.status === 'ready') {
      await this.redis.del(`rate:${key}`).catch(() => undefined);
    }
  }

  private countLocally(key: string, windowMs: number): [number, number] {
    const now = Date.now();
    let entry = this.local.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.local.size >= MAX_LOCAL_KEYS) this.evictExpired(now);
      entry = { count: 0, resetAt: now + windowMs };
      this.local.set(key, entry);
    }
    entry.count += 1;
    return [entry.count, entry.resetAt - now];
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.local) if (entry.resetAt <= now) this.local.delete(key);
    if (this.local.size >= MAX_LOCAL_KEYS) this.local.delete(this.local.keys().next().value!);
  }

  private warnOnce(error: Error): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis unavailable for rate limits, counting in memory: ${error.message}`);
  }
}
