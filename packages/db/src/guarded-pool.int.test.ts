import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from './database.ts';
import { createScratchDatabase, type ScratchDatabase, testEngine } from './testing/scratch-database.ts';

/**
 * Named prepared statements (PostgreSQL only: PGlite is one session and stays unnamed). One
 * connection, so every statement below runs on the session whose prepared statements are read.
 */
const postgres = testEngine() === 'postgres';
let scratch: ScratchDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  if (postgres && scratch.url) {
    handle = await createDatabase({ kind: 'postgres', url: scratch.url, poolSize: 2 });
  } else {
    handle = scratch.handle;
  }
  await sql`create table gadget (id int primary key, name text not null)`.execute(handle.db);
  await sql`insert into gadget values (1, 'rabot'), (2, 'serre-joint')`.execute(handle.db);
});
afterAll(async () => {
  if (handle !== scratch.handle) await handle.close();
  await scratch.close();
});

/** The statements prepared on one connection, read on that same connection. */
async function preparedOnConnection(run: (db: DatabaseHandle['db']) => Promise<unknown>): Promise<string[]> {
  return handle.db.connection().execute(async (db) => {
    await run(db);
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
      db,
    );
    return rows.map((r) => r.statement);
  });
}

describe.skipIf(!postgres)('prepared statements on PostgreSQL', () => {
  it('names data statements once per text and leaves the others unnamed', async () => {
    const statements = await preparedOnConnection(async (db) => {
      for (let i = 0; i < 3; i++)
        await db
          .selectFrom('gadget' as never)
          .selectAll()
          .execute();
      await sql`set local statement_timeout = 1000`.execute(db);
    });
    expect(statements.filter((s) => s.startsWith('select * from "gadget"'))).toHaveLength(1);
    expect(statements.some((s) => s.startsWith('set'))).toBe(false);
  });

  it('a table that changed shape under a prepared select * is prepared again, not an error', async () => {
    const read = () =>
      handle.db
        .selectFrom('gadget' as never)
        .selectAll()
        .orderBy('id' as never)
        .execute();
    // Prepare it on both connections of the pool.
    await Promise.all([read(), read()]);
    await sql`alter table gadget add column size_mm int`.execute(handle.db);
    const rows = await read();
    expect(rows[0]).toEqual({ id: 1, name: 'rabot', size_mm: null });
    expect(await read()).toHaveLength(2);
  });

  it('inside a transaction the changed shape aborts that transaction only; the next one succeeds', async () => {
    const read = (db: DatabaseHandle['db']) =>
      db
        .selectFrom('gadget' as never)
        .select(['id' as never, 'name' as never])
        .execute();
    const readAll = (db: DatabaseHandle['db']) =>
      db
        .selectFrom('gadget' as never)
        .selectAll()
        .execute();
    await Promise.all([readAll(handle.db), readAll(handle.db)]);
    await sql`alter table gadget add column colour text`.execute(handle.db);
    const outcomes = await Promise.allSettled(
      [0, 1].map(() => handle.db.transaction().execute((trx) => readAll(trx))),
    );
    for (const o of outcomes) {
      if (o.status === 'rejected')
        expect(String(o.reason)).toContain('cached plan must not change result type');
    }
    const again = await handle.db.transaction().execute((trx) => readAll(trx));
    expect(again[0]).toMatchObject({ id: 1, colour: null });
    expect(await read(handle.db)).toHaveLength(2);
  });

  it('an upsert on a partial unique index keeps working past the sixth call (upserts stay unnamed)', async () => {
    await sql`create table badge (id serial primary key, site int not null, kind text not null)`.execute(
      handle.db,
    );
    await sql`create unique index badge_main on badge (site) where kind = 'main'`.execute(handle.db);
    const db = handle.db as unknown as import('kysely').Kysely<{
      badge: { id: import('kysely').Generated<number>; site: number; kind: string };
    }>;
    for (let i = 0; i < 8; i++) {
      await db
        .insertInto('badge')
        .values({ site: i % 2, kind: 'main' })
        .onConflict((oc) => oc.column('site').where('kind', '=', 'main').doNothing())
        .execute();
    }
    expect(await db.selectFrom('badge').select('site').orderBy('site').execute()).toEqual([
      { site: 0 },
      { site: 1 },
    ]);
  });

  it('DATABASE_PREPARED_STATEMENTS=false sends everything unnamed', async () => {
    const unnamed = await createDatabase({
      kind: 'postgres',
      url: scratch.url ?? '',
      poolSize: 2,
      preparedStatements: false,
    });
    try {
      const statements = await unnamed.db.connection().execute(async (db) => {
        await db
          .selectFrom('gadget' as never)
          .selectAll()
          .execute();
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_prepared_statements`.execute(db);
        return rows[0]?.n;
      });
      expect(statements).toBe(0);
    } finally {
      await unnamed.close();
    }
  });
});
