import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { GuardedPool } from './guarded-pool.ts';
import type { DB } from './schema.generated.ts';
import { databaseTypes } from './value-parsers.ts';

export type Database = DB;

export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Kysely's data statements as named prepared statements (default true; see GuardedPool). */
      preparedStatements?: boolean;
    }
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob };

export interface DatabaseHandle {
  db: Kysely<Database>;
  /** The one pool shared by Kysely, the auth library and the job queue. */
  pool: pg.Pool;
  engine: 'postgres' | 'pglite';
  /** Present on the embedded engine only. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** Extensions bundled with PGlite that also exist in PostgreSQL 15's contrib. */
export const pgliteExtensions = { cube, earthdistance, pg_trgm, unaccent };

export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dataDir, { recursive: true });
  }
  return PGlite.create(dataDir, { extensions: pgliteExtensions, ...(loadDataDir ? { loadDataDir } : {}) });
}

/**
 * Opens the database: PostgreSQL through `pg` when a URL is configured, otherwise the embedded
 * PGlite (persisted in a directory, or `memory://`) through its node-postgres shim. Either way
 * Kysely uses the same PostgresDialect over one pool.
 */
export async function createDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      types: databaseTypes,
    });
    // An idle client losing its connection (server restart, a dropped test database) must not
    // crash the process; the next query gets a fresh connection.
    pool.on('error', (e) => console.warn(`database pool: idle client error: ${e.message}`));
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new GuardedPool(pool, { preparedStatements: target.preparedStatements ?? true }),
      }),
    });
    return {
      db,
      pool,
      engine: 'postgres',
      close: async () => {
        await db.destroy();
      },
    };
  }
  const pglite = await openPglite(target.dataDir, target.loadDataDir);
  // PGlite is a single session: exactly one connection, shared by everything in the process.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, types: databaseTypes });
  const db = new Kysely<Database>({
    // One session shared by everything: no named statements (see GuardedPool).
    dialect: new PostgresDialect({ pool: new GuardedPool(pool, { preparedStatements: false }) }),
  });
  return {
    db,
    pool,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
