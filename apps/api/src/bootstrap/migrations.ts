import { bookingMigrations } from '@app/booking-domain';
import { eventStoreMigrations, Migration } from '@app/event-store';
import { seatingMigrations } from '@app/seating';
import { ticketingMigrations } from '@app/ticketing';
import { idempotencyMigrations } from '../http/idempotency';

/** Every lib's schema, applied in id order at start-up (and once by the test setup). */
export const allMigrations: Migration[] = [
  ...eventStoreMigrations,
  ...idempotencyMigrations,
  ...seatingMigrations,
  ...bookingMigrations,
  ...ticketingMigrations,
];
