/**
 * An EMPTY database for tests that manage the schema themselves (the upgrade test migrates an old
 * release first; the backup test restores into it): on PostgreSQL a new database next to the
 * test template, dropped on close; on PGlite a new instance, in memory or in `dataDir`.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../database.ts';
import { withDatabase } from './global-setup.ts';

export interface ScratchDatabase {
  handle: DatabaseHandle;
  /** PostgreSQL only: the connection string of the scratch database. */
  url?: string;
  /** Closes the handle and, on PostgreSQL, drops the database. */
  close(): Promise<void>;
}

export const testEngine = (): 'postgres' | 'pglite' => inject('testDb').kind;

/** Runs one statement on the server's maintenance database (PostgreSQL tests only). */
export async function adminQuery(statement: string): Promise<void> {
  const target = inject('testDb');
  if (target.kind !== 'postgres') throw new Error('adminQuery needs DATABASE_URL');
  const admin = new pg.Client({ connectionString: target.url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export function scratchName(prefix = 'retaille_scratch'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A new, empty PostgreSQL database (no handle opened); returns its URL. */
export async function createEmptyPostgresDatabase(name = scratchName()): Promise<string> {
  const target = inject('testDb');
  if (target.kind !== 'postgres') throw new Error('createEmptyPostgresDatabase needs DATABASE_URL');
  await adminQuery(`create database ${name}`);
  return withDatabase(target.url, name);
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await adminQuery(`drop database if exists ${name} with (force)`);
}

export async function createScratchDatabase(options: { dataDir?: string } = {}): Promise<ScratchDatabase> {
  if (testEngine() === 'pglite') {
    const handle = await createDatabase({ kind: 'pglite', dataDir: options.dataDir ?? 'memory://' });
    return { handle, close: () => handle.close() };
  }
  const url = await createEmptyPostgresDatabase();
  const handle = await createDatabase({ kind: 'postgres', url, poolSize: 4 });
  return {
    handle,
    url,
    close: async () => {
      handle.pool.removeAllListeners('error');
      handle.pool.on('error', () => {});
      await handle.close();
      await dropPostgresDatabase(url);
    },
  };
}
