import { DynamicModule, Global, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseOptions } from './database/database';
import {
  BookingDataSource,
  DataSourceSettings,
  dataSourceOptions,
  poolOf,
} from './database/data-source';
import { PG_POOL } from './database/sql';
import { PostgresEventStore } from './postgres-event-store';
import { InlineProjectionRegistry } from './projections/inline-projection';
import { ProjectionRebuilder } from './projections/projection-rebuilder';
import { EventLogNotifier } from './subscriptions/event-log-notifier';
import { EventSubscriptionFactory } from './subscriptions/event-subscription.factory';

const providers = [
  PostgresEventStore,
  InlineProjectionRegistry,
  ProjectionRebuilder,
  EventLogNotifier,
  EventSubscriptionFactory,
];

@Global()
@Module({})
export class EventStoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * TypeORM's DataSource (`TypeOrmModule`: `DataSource`, `EntityManager`, `forFeature`
   * repositories) and the event store. `PG_POOL` is the DataSource's own driver pool, so the
   * hand-written SQL (appends with named statements, folded projections, subscriptions) and
   * TypeORM share one pool per process; TypeORM closes it at shutdown. Migrations are not run
   * here but before the app starts (`migrateDatabase`).
   */
  static forRoot(options: DatabaseOptions & Pick<DataSourceSettings, 'entities'>): DynamicModule {
    return {
      module: EventStoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(options),
            autoLoadEntities: true,
            // Connected in onModuleInit: building the app needs no database (npm run openapi).
            manualInitialization: true,
          }),
          dataSourceFactory: async (settings) => new BookingDataSource(settings!),
        }),
      ],
      providers: [{ provide: PG_POOL, useFactory: poolOf, inject: [DataSource] }, ...providers],
      exports: [PG_POOL, ...providers],
    };
  }

  /** Connects TypeORM (entity metadata, repositories) on the pool the providers already have. */
  async onModuleInit(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
  }

  /** TypeORM closes the pool of an initialised DataSource; this closes it in the other case. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.dataSource.isInitialized)
      await poolOf(this.dataSource)
        .end()
        .catch(() => undefined);
  }
}
