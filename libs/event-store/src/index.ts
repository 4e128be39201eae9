export * from './event';
export { ConcurrencyError, isConcurrencyError } from './concurrency.error';
export { PostgresEventStore, AppendOptions, EVENT_STORE_CHANNEL } from './postgres-event-store';
export { InlineProjection, InlineProjectionRegistry } from './projections/inline-projection';
export { ProjectionRebuilder } from './projections/projection-rebuilder';
export { Upcaster, UpcasterRegistry } from './upcasters';
export { EventSubscription, SubscriptionOptions } from './subscriptions/event-subscription';
export { EventSubscriptionFactory } from './subscriptions/event-subscription.factory';
export { EventLogNotifier } from './subscriptions/event-log-notifier';
export { EventStoreModule } from './event-store.module';
export { createPool, DatabaseOptions, isDatabaseReachable } from './database/database';
export { Migration, runMigrations } from './database/migrator';
export {
  PG_POOL,
  SqlExecutor,
  TransactionClient,
  inTransaction,
  isUniqueViolation,
} from './database/sql';
export { eventStoreMigrations } from './event-store.migrations';
export { startEmbeddedPostgres, EmbeddedPostgresHandle, EmbeddedPostgresOptions } from './database/embedded-postgres';
