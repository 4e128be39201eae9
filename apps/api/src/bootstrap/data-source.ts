import { createDataSource } from '@app/event-store';
import { allMigrations } from './migrations';

/**
 * The DataSource the TypeORM CLI loads (`npm run migration:run`, `migration:show`,
 * `migration:revert`): DATABASE_URL and the whole schema history. The service itself runs the
 * same migrations at start-up; both wait for each other on the same advisory lock.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'DATABASE_URL is not set: the migration commands need the database to migrate (npm start migrates its embedded Postgres itself)',
  );
}

export default createDataSource({
  connectionString: url,
  // One connection holds the migration lock while the other runs the migrations.
  poolSize: 2,
  applicationName: 'bus-booking-migrate',
  migrations: allMigrations,
});
