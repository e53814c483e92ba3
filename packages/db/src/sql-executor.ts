import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.ts';

/**
 * Runs a library's own SQL text (pg-boss) on a Kysely handle — typically an open transaction, so
 * that what the library writes commits or rolls back with the caller's changes. On PGlite the
 * pool cannot be used while a transaction is open (it would wait for it forever).
 */
export function sqlExecutor(db: Kysely<Database> | Transaction<Database>) {
  return {
    executeSql: async (text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> => {
      const r = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: r.rows as unknown[] };
    },
  };
}
