import { bookingMigrations } from '@app/booking-domain';
import { eventStoreMigrations, MigrationClass } from '@app/event-store';
import { seatingMigrations } from '@app/seating';
import { ticketingMigrations } from '@app/ticketing';
import { webhookMigrations } from '@app/webhooks';
import { idempotencyMigrations } from '../http/idempotency.migrations';

/**
 * The one schema history: every lib's TypeORM migrations, run in timestamp order at start-up
 * (API and worker, one at a time), once by the test setup, and by `npm run migration:run`.
 */
export const allMigrations: MigrationClass[] = [
  ...eventStoreMigrations,
  ...idempotencyMigrations,
  ...seatingMigrations,
  ...bookingMigrations,
  ...ticketingMigrations,
  ...webhookMigrations,
];
