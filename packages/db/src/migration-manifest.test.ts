import { appendFileSync, copyFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.ts';
import {
  checkListFile,
  checkManifest,
  hashFiles,
  MIGRATIONS_DIR,
  migrationFiles,
  readManifest,
  updateManifest,
} from '../scripts/migration-manifest.ts';

// The check CI runs: every migration file is recorded, unchanged, and none was removed.
describe('the migrations folder', () => {
  it('matches migrations/manifest.json (add-only: run `pnpm db:manifest` for a new file)', () => {
    const problems = checkManifest(readManifest(), hashFiles());
    // Thrown rather than diffed so that the whole instruction reaches the CI log.
    if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  });

  it('is registered file by file in migrations/index.ts', () => {
    const problems = checkListFile(Object.keys(migrations), migrationFiles());
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });

  it('is registered in name order, which is the order Kysely runs them', () => {
    const keys = Object.keys(migrations);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('checkManifest on a copy of the folder', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  function copy(): string {
    dir = mkdtempSync(join(tmpdir(), 'retaille-migrations-'));
    // Only the recorded files: a new migration someone is writing must not break these cases.
    for (const f of Object.keys(readManifest())) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
    return dir;
  }
  const first = Object.keys(readManifest())[0]!;

  it('accepts the intact copy', () => {
    expect(checkManifest(readManifest(), hashFiles(copy()))).toEqual([]);
  });

  it('fails when one byte of a recorded migration changes', () => {
    const d = copy();
    appendFileSync(join(d, first), ' ');
    const problems = checkManifest(readManifest(), hashFiles(d));
    expect(problems).toEqual([expect.objectContaining({ file: first, kind: 'changed' })]);
    expect(problems[0]!.message).toMatch(/frozen.*NEW migration/);
  });

  it('fails when a recorded migration is deleted', () => {
    const d = copy();
    unlinkSync(join(d, first));
    expect(checkManifest(readManifest(), hashFiles(d))).toEqual([
      expect.objectContaining({ file: first, kind: 'removed' }),
    ]);
  });

  it('fails when an entry is removed from the manifest', () => {
    const manifest = readManifest();
    delete manifest[first];
    expect(checkManifest(manifest, hashFiles(copy()))).toEqual([
      expect.objectContaining({ file: first, kind: 'unlisted' }),
    ]);
  });

  it('fails on a new migration without an entry, and says to run pnpm db:manifest', () => {
    const d = copy();
    writeFileSync(join(d, '20261204100000_add_thing.ts'), 'export async function up() {}\n');
    const problems = checkManifest(readManifest(), hashFiles(d));
    expect(problems).toEqual([
      expect.objectContaining({ file: '20261204100000_add_thing.ts', kind: 'unlisted' }),
    ]);
    expect(problems[0]!.message).toContain('pnpm db:manifest');
  });

  it('fails on a badly named migration', () => {
    const d = copy();
    writeFileSync(join(d, '2026_AddThing.ts'), '\n');
    expect(checkManifest(readManifest(), hashFiles(d)).map((p) => p.kind)).toEqual(['bad-name', 'unlisted']);
  });
});

describe('updateManifest (pnpm db:manifest)', () => {
  const committed = { '20261126140000_create_a.ts': '11', '20261126150000_create_b.ts': '22' };

  it('appends a new migration and keeps the committed entries', () => {
    const u = updateManifest(committed, { ...committed, '20261204110000_add_x.ts': '33' }, committed);
    expect(u.added).toEqual(['20261204110000_add_x.ts']);
    expect(u.refused).toEqual([]);
    expect(u.manifest).toEqual({ ...committed, '20261204110000_add_x.ts': '33' });
  });

  it('refuses to change or drop a committed entry', () => {
    expect(
      updateManifest(
        committed,
        { '20261126140000_create_a.ts': 'XX', '20261126150000_create_b.ts': '22' },
        committed,
      ).refused,
    ).toEqual([expect.objectContaining({ file: '20261126140000_create_a.ts', kind: 'changed' })]);
    expect(updateManifest(committed, { '20261126150000_create_b.ts': '22' }, committed).refused).toEqual([
      expect.objectContaining({ file: '20261126140000_create_a.ts', kind: 'removed' }),
    ]);
  });

  it('treats every entry as committed when git cannot tell', () => {
    expect(
      updateManifest(
        committed,
        { '20261126140000_create_a.ts': 'XX', '20261126150000_create_b.ts': '22' },
        null,
      ).refused,
    ).toHaveLength(1);
  });

  it('refreshes an entry added since the last commit, so a new migration can still be edited', () => {
    const current = { ...committed, '20261204120000_add_y.ts': '44' };
    const u = updateManifest(current, { ...committed, '20261204120000_add_y.ts': '55' }, committed);
    expect(u.refused).toEqual([]);
    expect(u.refreshed).toEqual(['20261204120000_add_y.ts']);
    expect(u.manifest['20261204120000_add_y.ts']).toBe('55');
  });
});

describe('checkListFile', () => {
  it('reports a file missing from index.ts and a registered name without its file', () => {
    expect(checkListFile(['a_1', 'c_3'], ['a_1.ts', 'b_2.ts'])).toEqual([
      expect.stringContaining('b_2.ts is not registered'),
      expect.stringContaining('registers c_3'),
    ]);
  });
});
