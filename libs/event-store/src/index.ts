export * from './event';
export { type Correlation, currentCorrelation, withCorrelation } from './correlation';
export { isConcurrencyError } from './concurrency.error';
export { PostgresEventStore, type StreamAppend } from './postgres-event-store';
export {
  type AppendCtes,
  type InlineProjection,
  type PendingEvent,
  InlineProjectionRegistry,
} from './projections/inline-projection';
export { ProjectionRebuilder } from './projections/projection-rebuilder';
export { EventSubscription } from './subscriptions/event-subscription';
export { EventSubscriptionFactory } from './subscriptions/event-subscription.factory';
export { EventLogNotifier } from './subscriptions/event-log-notifier';
export { EventStoreModule } from './event-store.module';
export { createPool, isDatabaseReachable } from './database/database';
export {
  BookingDataSource,
  createDataSource,
  migrateDatabase,
  MIGRATION_LOCK,
  type MigrationClass,
} from './database/data-source';
export { applySchemaChange } from './database/migrator';
export {
  PG_POOL,
  type SqlExecutor,
  inTransaction,
  isConnectionLoss,
  isUniqueViolation,
} from './database/sql';
export { eventStoreMigrations } from './event-store.migrations';
export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './database/embedded-postgres';
