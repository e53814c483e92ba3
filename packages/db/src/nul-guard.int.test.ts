import { isDomainError } from '@retaille/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { createTestDatabase } from './testing/test-database.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `database error: ${String(e)}`;
  }
}

describe('no NUL byte reaches PostgreSQL', () => {
  it.each<[string, () => Promise<unknown>]>([
    ['a text parameter', () => sql`select ${'a\u0000b'}::text`.execute(handle.db)],
    ['jsonb text with a \\u0000 escape', () => sql`select ${'{"a":"x\\u0000"}'}::jsonb`.execute(handle.db)],
    ['a text[] element', () => sql`select ${['ok', 'b\u0000']}::text[]`.execute(handle.db)],
    [
      'a query builder value',
      () => handle.db.selectFrom('lot').select('id').where('title', '=', 'chêne\u0000').execute(),
    ],
    [
      'an in-list value',
      () => handle.db.selectFrom('lot').select('id').where('title', 'in', ['a', 'b\u0000']).execute(),
    ],
  ])('%s is a VALIDATION error, not a database error', async (_name, run) => {
    expect(await outcome(run)).toBe('VALIDATION field.controlCharacters');
  });

  it.each<[string, () => Promise<unknown>]>([
    [
      'an escaped backslash before u0000 in jsonb',
      () => sql`select ${'{"a":"\\\\u0000"}'}::jsonb`.execute(handle.db),
    ],
    ['literal text \\u0000 in a text column', () => sql`select ${'voir \\u0000'}::text`.execute(handle.db)],
    ['zero bytes in bytea', () => sql`select ${Buffer.from([0, 1, 0])}::bytea`.execute(handle.db)],
    ['tabs, line breaks and emoji', () => sql`select ${'a\tb\nc 🌳'}::text`.execute(handle.db)],
  ])('%s still works', async (_name, run) => {
    expect(await outcome(run)).toBe('ok');
  });
});
