import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from '../migrations/index.ts';

/** Every migration, or a prefix of the list (`migrationsUpTo`) to build an older schema. */
export function createMigrator(db: Kysely<any>, list: Record<string, Migration> = migrations): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => list } });
}

/**
 * The migrations whose timestamp is at most `lastTimestamp` (`YYYYMMDDHHMMSS`): the schema of an
 * older release, which the upgrade test fills with data before migrating to the latest.
 */
export function migrationsUpTo(lastTimestamp: string): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).filter(([name]) => name.slice(0, 14) <= lastTimestamp),
  );
}

/** Runs every pending migration (of `list`, all by default); throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<any>,
  list: Record<string, Migration> = migrations,
): Promise<MigrationResultSet> {
  const result = await createMigrator(db, list).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
