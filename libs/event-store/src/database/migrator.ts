import type { QueryRunner } from 'typeorm';

/**
 * The table of applied ids kept by the migrator this service had before TypeORM's migrations
 * (each lib's `{id, sql}` list, run at start-up). A database it migrated is upgraded in place:
 * every TypeORM migration carries the id its SQL had then and does nothing if that id is there,
 * so TypeORM only records it as executed. The table itself is left alone (a release before the
 * switch, still running during a rolling deploy, keeps finding its ids there).
 */
export const LEGACY_MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Runs one schema change (several statements in one string) in a TypeORM migration's `up`,
 * unless the former migrator already applied it as `legacyId`. Never rename a shipped id.
 */
export async function applySchemaChange(
  queryRunner: QueryRunner,
  legacyId: string,
  sql: string,
): Promise<void> {
  if (await appliedByLegacyMigrator(queryRunner, legacyId)) return;
  await queryRunner.query(sql);
}

async function appliedByLegacyMigrator(queryRunner: QueryRunner, id: string): Promise<boolean> {
  const [table] = (await queryRunner.query('SELECT to_regclass($1) IS NOT NULL AS present', [
    LEGACY_MIGRATIONS_TABLE,
  ])) as { present: boolean }[];
  if (!table?.present) return false;
  const rows = (await queryRunner.query(`SELECT 1 FROM ${LEGACY_MIGRATIONS_TABLE} WHERE id = $1`, [
    id,
  ])) as unknown[];
  return rows.length > 0;
}
