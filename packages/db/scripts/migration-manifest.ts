/**
 * Migrations are add-only. `migrations/manifest.json` records the sha256 of every migration file
 * (`<timestamp>_verb_noun.ts` → hex digest). `checkManifest` is what CI runs (through the unit test
 * `src/migration-manifest.test.ts`); `pnpm db:manifest` appends the entries of new files.
 *
 * `migrations/index.ts` is the list of migrations, not a migration: it grows by one line per
 * migration, so it has no checksum. Instead the check verifies that it lists exactly the files of
 * the folder, under their own names.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
export const MANIFEST_FILE = fileURLToPath(new URL('../migrations/manifest.json', import.meta.url));
/** Relative to the repository root, for messages and `git show`. */
export const MANIFEST_PATH = 'packages/db/migrations/manifest.json';
export const LIST_FILE = 'index.ts';

const MIGRATION_NAME = /^\d{14}_[a-z0-9]+(?:_[a-z0-9]+)*\.ts$/;

export type Manifest = Record<string, string>;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The migration files of the folder, by name (the list file and manifest excluded). */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== LIST_FILE)
    .sort();
}

export function hashFiles(dir = MIGRATIONS_DIR): Manifest {
  const out: Manifest = {};
  for (const f of migrationFiles(dir)) out[f] = sha256(readFileSync(`${dir}/${f}`));
  return out;
}

export function readManifest(file = MANIFEST_FILE): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

export function serializeManifest(m: Manifest): string {
  const sorted: Manifest = {};
  for (const k of Object.keys(m).sort()) sorted[k] = m[k]!;
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

export interface ManifestProblem {
  file: string;
  kind: 'changed' | 'removed' | 'unlisted' | 'bad-name';
  message: string;
}

const FIX_NEW = 'run `pnpm db:manifest` to record it, and commit the manifest with the migration';
const fixFrozen = (file: string) =>
  `landed migrations are frozen: restore it (\`git checkout HEAD -- packages/db/migrations/${file}\`) and put the change in a NEW migration`;

/** Compares the folder to the manifest; an empty list means the migrations are intact. */
export function checkManifest(manifest: Manifest, files: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const [file, digest] of Object.entries(manifest)) {
    const actual = files[file];
    if (actual === undefined) {
      problems.push({
        file,
        kind: 'removed',
        message: `${file} is in ${MANIFEST_PATH} but the file is gone: migrations are add-only, restore it (databases in the field have run it).`,
      });
    } else if (actual !== digest) {
      problems.push({
        file,
        kind: 'changed',
        message: `${file} changed after it was recorded (sha256 ${digest.slice(0, 12)}… in the manifest, ${actual.slice(0, 12)}… on disk): ${fixFrozen(file)}.`,
      });
    }
  }
  for (const file of Object.keys(files)) {
    if (!MIGRATION_NAME.test(file)) {
      problems.push({
        file,
        kind: 'bad-name',
        message: `${file} is not named <YYYYMMDDHHMMSS>_verb_noun.ts (lowercase, underscores).`,
      });
    }
    if (!(file in manifest)) {
      problems.push({
        file,
        kind: 'unlisted',
        message: `${file} has no entry in ${MANIFEST_PATH}: ${FIX_NEW}.`,
      });
    }
  }
  return problems;
}

/** The manifest as committed at HEAD, or null without git (entries then count as frozen). */
export function committedManifest(): Manifest | null {
  try {
    const text = execFileSync('git', ['show', `HEAD:${MANIFEST_PATH}`], {
      cwd: MIGRATIONS_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(text) as Manifest;
  } catch {
    return null;
  }
}

export interface ManifestUpdate {
  manifest: Manifest;
  added: string[];
  /** Entries not committed yet whose file was edited since `pnpm db:manifest` recorded it. */
  refreshed: string[];
  refused: ManifestProblem[];
}

/**
 * Appends entries for new files. An entry already committed (present in HEAD's manifest, or any
 * entry when git cannot tell) is never changed or dropped; an entry added since the last commit
 * may be refreshed, so editing your own new migration before committing stays easy.
 */
export function updateManifest(
  current: Manifest,
  files: Manifest,
  committed: Manifest | null,
): ManifestUpdate {
  const manifest: Manifest = { ...current };
  const added: string[] = [];
  const refreshed: string[] = [];
  const refused: ManifestProblem[] = [];
  const frozen = (f: string) => committed === null || f in committed;
  for (const p of checkManifest(current, files)) {
    if (p.kind === 'unlisted') {
      if (MIGRATION_NAME.test(p.file)) {
        manifest[p.file] = files[p.file]!;
        added.push(p.file);
      }
    } else if (p.kind === 'bad-name') {
      refused.push(p);
    } else if (frozen(p.file)) {
      refused.push(p);
    } else if (p.kind === 'changed') {
      manifest[p.file] = files[p.file]!;
      refreshed.push(p.file);
    } else {
      delete manifest[p.file];
      refreshed.push(p.file);
    }
  }
  return { manifest, added, refreshed, refused };
}

/** The migration names `migrations/index.ts` registers vs. the files: every file exactly once. */
export function checkListFile(registered: readonly string[], files: readonly string[]): string[] {
  const problems: string[] = [];
  const names = files.map((f) => f.replace(/\.ts$/, ''));
  for (const n of names) {
    if (!registered.includes(n))
      problems.push(
        `${n}.ts is not registered in migrations/index.ts: add its import and one line, in name order.`,
      );
  }
  for (const r of registered) {
    if (!names.includes(r)) problems.push(`migrations/index.ts registers ${r} but there is no ${r}.ts.`);
  }
  return problems;
}
