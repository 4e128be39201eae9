import {
  DynamicModule,
  Global,
  OnModuleInit,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { withDeadline } from './deadline';
import { REDIS_CLIENT } from './redis-client.token';
import { RateLimiter } from './rate-limiter';

export { REDIS_CLIENT };

const STARTUP_WAIT_MS = 2000;

export type RedisStatus = 'ok' | 'absent' | 'down';

/**
 * Redis is an accelerator: without REDIS_URL the client is null and callers take their
 * degraded path; when it goes down they do the same until it reconnects by itself.
 */
export function createRedisClient(url: string, logger = new Logger('Redis')): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    // A Redis that accepts connections but does not answer must not stall callers.
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let degraded = false;
  client.on('error', (error: Error) => {
    if (degraded) return;
    degraded = true;
    logger.warn(`Redis unavailable, running degraded until it returns: ${error.message}`);
  });
  client.on('ready', () => {
    if (degraded) logger.log('Redis is back');
    degraded = false;
  });
  return client;
}

@Injectable()
export class RedisHealth {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis | null) {}

  async status(timeoutMs = 500): Promise<RedisStatus> {
    if (!this.client) return 'absent';
    if (this.client.status !== 'ready') return 'down';
    try {
      const pong = await withDeadline(this.client.ping(), timeoutMs, 'timeout');
      return pong === 'PONG' ? 'ok' : 'down';
    } catch {
      return 'down';
    }
  }
}

@Global()
@Module({})
export class RedisModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis | null) {}

  static forRoot(url: string | undefined): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS_CLIENT, useFactory: () => (url ? createRedisClient(url) : null) },
        RedisHealth,
        RateLimiter,
      ],
      exports: [REDIS_CLIENT, RedisHealth, RateLimiter],
    };
  }

  /** Lets the service start with Redis connected when it is there, without waiting long when not. */
  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (!client || client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, STARTUP_WAIT_MS);
      client.once('ready', done);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    await this.client.quit().catch(() => this.client?.disconnect());
  }
}
