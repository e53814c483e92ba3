import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { generateSchemaTypes, SCHEMA_FILE } from './schema-codegen.ts';
import { createTestDatabase } from './testing/test-database.ts';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDatabase();
});
afterAll(() => h.close());

const normalize = (s: string) => s.replace(/\s+/g, ' ').replace(/"/g, "'").replace(/;\s*/g, ';').trim();

it('the committed Kysely types equal the migrated schema (run `pnpm db:types` after a migration)', async () => {
  const generated = await generateSchemaTypes(h.db);
  const committed = await readFile(SCHEMA_FILE, 'utf8');
  expect(normalize(committed)).toBe(normalize(generated));
});
