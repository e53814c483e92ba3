/**
 * Backups of either engine, behind `pnpm backup <file>` and `pnpm restore <file> [--force]`.
 *
 * - PostgreSQL: `pg_dump --format=custom` of the whole database. Restoring turns the archive back
 *   into SQL with `pg_restore` and plays it through `psql --single-transaction`, so a failed
 *   restore changes nothing; with `--force` the same transaction first drops every schema of the
 *   target, so the result is the backup, not a mix of both.
 * - PGlite: the data directory as PGlite's own `dumpDataDir('gzip')` tarball, taken by opening the
 *   directory here — the server must be stopped (PGlite is single-process; a running one holds
 *   `postmaster.pid`). Restoring loads the tarball into an empty directory; with `--force` the old
 *   directory is moved aside (`<dir>.before-restore-<time>`), never deleted.
 *
 * Each restore refuses a non-empty target unless `--force`, and the backup file of one engine is
 * refused by the other (their formats differ).
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { type DatabaseTarget, openPglite } from '../src/database.ts';

export class BackupError extends Error {}

export interface BackupOptions {
  /** Overwrite an existing backup file / restore over a non-empty database. */
  force?: boolean;
  /** PGlite: proceed although `postmaster.pid` is present (only after a crash, never with a live server). */
  ignoreLock?: boolean;
}

export type BackupFormat = 'pg_dump' | 'pglite';

/** `pg_dump -Fc` archives start with `PGDMP`; PGlite's gzip tarball with the gzip magic bytes. */
export async function detectFormat(file: string): Promise<BackupFormat> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  } finally {
    await fh.close();
  }
  throw new BackupError(`${file} is neither a pg_dump custom archive nor a PGlite data-directory tarball.`);
}

function run(cmd: string, args: string[], stdio: { input?: NodeJS.ReadableStream } = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: [stdio.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      err += d;
    });
    if (stdio.input && child.stdin) stdio.input.pipe(child.stdin);
    child.on('error', (e: NodeJS.ErrnoException) =>
      fail(
        new BackupError(
          e.code === 'ENOENT'
            ? `${cmd} not found: install the PostgreSQL 15 client tools (apt-get install postgresql-client-15).`
            : `${cmd}: ${e.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? ok(out) : fail(new BackupError(`${cmd} exited with ${code}: ${err.trim()}`)),
    );
  });
}

async function prepareOutput(file: string, force: boolean): Promise<string> {
  if (existsSync(file) && !force) throw new BackupError(`${file} exists; pass --force to overwrite it.`);
  await mkdir(dirname(resolve(file)), { recursive: true });
  // Written beside the target and renamed at the end: an interrupted backup leaves no truncated file.
  return `${file}.partial`;
}

const LOCK_FILE = 'postmaster.pid';

function assertUnlocked(dataDir: string, options: BackupOptions): void {
  if (!options.ignoreLock && existsSync(`${dataDir}/${LOCK_FILE}`)) {
    throw new BackupError(
      `${dataDir} is in use (${LOCK_FILE} present): stop the server first, PGlite is single-process. ` +
        'If no process uses it (after a crash), pass --ignore-lock.',
    );
  }
}

function assertFileDataDir(dataDir: string): void {
  if (dataDir.startsWith('memory://'))
    throw new BackupError('PGLITE_DATA_DIR is memory://: there is nothing on disk to back up or restore.');
}

// ── Backup ────────────────────────────────────────────────────────────────────────────────────

export async function backupDatabase(
  target: DatabaseTarget,
  file: string,
  options: BackupOptions = {},
): Promise<{ format: BackupFormat; bytes: number }> {
  const partial = await prepareOutput(file, options.force ?? false);
  try {
    if (target.kind === 'postgres') {
      await run('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${target.url}`]);
    } else {
      assertFileDataDir(target.dataDir);
      if (!existsSync(`${target.dataDir}/PG_VERSION`))
        throw new BackupError(`${target.dataDir} holds no PGlite database.`);
      assertUnlocked(target.dataDir, options);
      const pglite = await openPglite(target.dataDir);
      try {
        const dump = await pglite.dumpDataDir('gzip');
        await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await pglite.close();
      }
    }
    await rename(partial, file);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return { format: target.kind === 'postgres' ? 'pg_dump' : 'pglite', bytes: (await stat(file)).size };
}

// ── Restore ───────────────────────────────────────────────────────────────────────────────────

/** Relations (tables, views, sequences…) outside the system schemas. */
export async function countUserRelations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(`
      select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
        and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`);
    return Number(r.rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Drops every user schema (and what is in it) and recreates an empty `public`. */
async function wipeStatements(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ nspname: string }>(`
      select nspname from pg_namespace
      where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\\_%'`);
    const drops = r.rows.map((x) => `drop schema if exists "${x.nspname.replace(/"/g, '""')}" cascade;`);
    return `${drops.join('\n')}\ncreate schema if not exists public;\n`;
  } finally {
    await client.end();
  }
}

export async function restoreDatabase(
  target: DatabaseTarget,
  file: string,
  options: BackupOptions = {},
): Promise<{ format: BackupFormat; movedAside?: string }> {
  const format = await detectFormat(file);
  if (target.kind === 'postgres') {
    if (format !== 'pg_dump')
      throw new BackupError(
        `${file} is a PGlite backup; restore it with PGLITE_DATA_DIR set and no DATABASE_URL.`,
      );
    const relations = await countUserRelations(target.url);
    if (relations > 0 && !options.force)
      throw new BackupError(
        `The target database is not empty (${relations} relations); pass --force to replace its whole content.`,
      );
    // The archive becomes a SQL script first (an unreadable archive fails here, nothing touched);
    // psql then plays the wipe and the script in ONE transaction: all of it, or nothing.
    const script = `${file}.restore-${process.pid}.sql`;
    try {
      await run('pg_restore', ['--no-owner', '--no-acl', `--file=${script}`, file]);
      const wipe = relations > 0 ? await wipeStatements(target.url) : '';
      const input = Readable.from(
        (async function* () {
          yield wipe;
          for await (const chunk of createReadStream(script)) yield chunk;
        })(),
      );
      await run(
        'psql',
        ['--no-psqlrc', '--quiet', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${target.url}`],
        { input },
      );
    } finally {
      await rm(script, { force: true });
    }
    return { format };
  }

  if (format !== 'pglite')
    throw new BackupError(
      `${file} is a pg_dump archive; restore it with DATABASE_URL pointing to PostgreSQL.`,
    );
  const dataDir = target.dataDir;
  assertFileDataDir(dataDir);
  let movedAside: string | undefined;
  const entries = existsSync(dataDir) ? await readdir(dataDir) : [];
  if (entries.length > 0) {
    if (!options.force)
      throw new BackupError(
        `${dataDir} is not empty; pass --force to replace it (it is moved aside, not deleted).`,
      );
    assertUnlocked(dataDir, options);
    movedAside = `${dataDir.replace(/\/+$/, '')}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(dataDir, movedAside);
  }
  const pglite = await openPglite(dataDir, new Blob([await readFile(file)]));
  try {
    await pglite.query('select 1');
  } finally {
    await pglite.close();
  }
  return movedAside ? { format, movedAside } : { format };
}

// ── Command line ──────────────────────────────────────────────────────────────────────────────

export function parseArgs(argv: readonly string[]): { file: string; options: BackupOptions } | null {
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--force' && a !== '--ignore-lock');
  if (files.length !== 1 || unknown.length > 0) return null;
  return {
    file: files[0]!,
    options: { force: argv.includes('--force'), ignoreLock: argv.includes('--ignore-lock') },
  };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `PGlite data directory ${target.dataDir}`;
  const u = new URL(target.url);
  u.password = u.password ? '***' : '';
  return `PostgreSQL ${u.toString()}`;
}
