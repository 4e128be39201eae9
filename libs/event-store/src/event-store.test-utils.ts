import type { Pool } from 'pg';
import { ManualClock } from '@app/clock';
import { createPool } from './database/database';
import { PostgresEventStore } from './postgres-event-store';
import { InlineProjectionRegistry } from './projections/inline-projection';
import { ProjectionRebuilder } from './projections/projection-rebuilder';
import { EventLogNotifier } from './subscriptions/event-log-notifier';
import { EventSubscription, SubscriptionOptions } from './subscriptions/event-subscription';

/** The event store wired by hand against the test database, without Nest. */
export function createTestEventStore(poolSize = 20) {
  const pool: Pool = createPool({ connectionString: process.env.DATABASE_URL!, poolSize });
  const projections = new InlineProjectionRegistry();
  const clock = new ManualClock(new Date('2026-11-25T08:00:00Z'));
  const store = new PostgresEventStore(pool, clock, projections);
  const notifier = new EventLogNotifier(pool);
  const rebuilder = new ProjectionRebuilder(pool, projections, store);
  const subscriptions: EventSubscription[] = [];
  return {
    pool,
    store,
    projections,
    rebuilder,
    clock,
    subscribe(options: SubscriptionOptions) {
      const subscription = new EventSubscription(pool, notifier, options);
      subscriptions.push(subscription);
      return subscription;
    },
    async close() {
      await Promise.all(subscriptions.map((s) => s.stop()));
      await notifier.onModuleDestroy();
      await pool.end();
    },
  };
}
