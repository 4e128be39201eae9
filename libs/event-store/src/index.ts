export * from './event';
export { ConcurrencyError, isConcurrencyError } from './concurrency.error';
export {
  PostgresEventStore,
  type AppendOptions,
  type StreamAppend,
  EVENT_STORE_CHANNEL,
} from './postgres-event-store';
export {
  type InlineProjection,
  type PendingEvent,
  InlineProjectionRegistry,
} from './projections/inline-projection';
export { ProjectionRebuilder } from './projections/projection-rebuilder';
export { EventSubscription, type SubscriptionOptions } from './subscriptions/event-subscription';
export { EventSubscriptionFactory } from './subscriptions/event-subscription.factory';
export { EventLogNotifier } from './subscriptions/event-log-notifier';
export { EventStoreModule } from './event-store.module';
export { createPool, type DatabaseOptions, isDatabaseReachable } from './database/database';
export {
  BookingDataSource,
  createDataSource,
  dataSourceOptions,
  type DataSourceSettings,
  migrateDatabase,
  type MigrationClass,
  poolOf,
} from './database/data-source';
export { applySchemaChange } from './database/migrator';
export {
  PG_POOL,
  type SqlExecutor,
  type TransactionClient,
  inTransaction,
  isUniqueViolation,
} from './database/sql';
export { eventStoreMigrations } from './event-store.migrations';
export {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
} from './database/embedded-postgres';
