import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { bullConnection } from '@app/redis';

/** How long a job waits for the first connection before it runs in process instead. */
const FIRST_CONNECTION_WAIT_MS = 1000;

/**
 * The Redis connection of this process's queues and workers, from REDIS_URL (none without it):
 * one, shared (each worker adds its own blocking one), owned here so that closing a queue
 * never waits for a Redis that is away. It tells whether Redis serves jobs now, and logs the
 * degradation once when it starts and once when it ends.
 */
@Injectable()
export class JobsRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  readonly client?: Redis;
  private failing = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redis.url) return;
    const { url, ...options } = bullConnection(config.redis.url);
    this.client = new Redis(url, options);
    this.client.on('error', (error: Error) => this.failed(error));
    this.client.on('ready', () => this.succeeded());
  }

  /** Connected now: commands reach Redis (or fail at once when the connection just dropped). */
  get ready(): boolean {
    return this.client?.status === 'ready';
  }

  /**
   * Whether a job can go to Redis: yes when connected; while the first connection is still
   * being made, after waiting a little for it; no once Redis is known to be away.
   */
  async reachable(): Promise<boolean> {
    const client = this.client;
    if (this.ready) return true;
    if (!client || this.failing) return false;
    let done!: (ready: boolean) => void;
    const ready = new Promise<boolean>((resolve) => (done = resolve));
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), FIRST_CONNECTION_WAIT_MS);
    client.once('ready', onReady);
    try {
      return await ready;
    } finally {
      clearTimeout(timer);
      client.off('ready', onReady);
    }
  }

  failed(error: Error): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`Redis unavailable for jobs, running them in process: ${error.message}`);
  }

  /** Redis answered (a connection was made, a job was added). */
  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('Redis is back for jobs');
  }

  /** Last (this module is global): the queues and workers using the connection are closed. */
  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
