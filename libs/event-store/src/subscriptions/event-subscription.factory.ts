import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/sql';
import { EventLogNotifier } from './event-log-notifier';
import { EventSubscription, readEventsAfter, SubscriptionOptions } from './event-subscription';
import { LiveLogReads } from './live-log-reads';

/** Creates subscriptions and stops them all, checkpoints stored, when the application shuts down. */
@Injectable()
export class EventSubscriptionFactory implements OnApplicationShutdown {
  private readonly created: EventSubscription[] = [];
  private readonly liveReads = new LiveLogReads((checkpoint, limit) =>
    readEventsAfter(this.pool, checkpoint, limit),
  );

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly notifier: EventLogNotifier,
  ) {}

  create(options: SubscriptionOptions): EventSubscription {
    const subscription = new EventSubscription(this.pool, this.notifier, options, this.liveReads);
    this.created.push(subscription);
    return subscription;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.created.map((s) => s.stop()));
  }
}
