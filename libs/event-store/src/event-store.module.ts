import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { createPool, DatabaseOptions } from './database/database';
import { PG_POOL } from './database/sql';
import { PostgresEventStore } from './postgres-event-store';
import { InlineProjectionRegistry } from './projections/inline-projection';
import { ProjectionRebuilder } from './projections/projection-rebuilder';
import { EventLogNotifier } from './subscriptions/event-log-notifier';
import { EventSubscriptionFactory } from './subscriptions/event-subscription.factory';
import { UpcasterRegistry } from './upcasters';

const providers = [
  PostgresEventStore,
  InlineProjectionRegistry,
  UpcasterRegistry,
  ProjectionRebuilder,
  EventLogNotifier,
  EventSubscriptionFactory,
];

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: PG_POOL, useFactory: () => createPool(options) }, ...providers],
      exports: [PG_POOL, ...providers],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
