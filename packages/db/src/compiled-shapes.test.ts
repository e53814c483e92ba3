import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { CompiledShapes, compileShape, shapeKey } from './compiled-shapes.ts';
import type { Database } from './database.ts';

/** Kysely on a driver that runs nothing: every query sent is recorded. */
function recordingDb() {
  const sent: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      sent.push(event.query);
    },
  });
  return { db, sent };
}

interface Values {
  [name: string]: string | number | boolean | readonly string[] | undefined;
  title: string | undefined;
  families: readonly string[] | undefined;
  freeOnly: boolean;
  limit: number;
}

const build = (db: Kysely<Database>, v: Values) => {
  let q = db.selectFrom('lot').select('lot.id');
  if (v.title !== undefined) q = q.where('lot.title', '=', v.title);
  if (v.families) q = q.where('lot.family_key', 'in', v.families as never);
  if (v.freeOnly) q = q.where('lot.price_cents', 'is', null);
  return q.limit(v.limit);
};

describe('CompiledShapes', () => {
  it('sends the SQL of the shape with each call’s values in place', async () => {
    const { db, sent } = recordingDb();
    const shapes = new CompiledShapes(build);
    const a: Values = { title: 'Chutes', families: ['bois', 'textile'], freeOnly: true, limit: 21 };
    const b: Values = { title: 'Laine', families: ['metal', 'verre'], freeOnly: true, limit: 5 };
    await shapes.execute(db, a);
    await shapes.execute(db, b);
    expect(shapes.size).toBe(1);
    for (const [i, v] of [a, b].entries()) {
      const direct = build(db, v).compile();
      expect(sent[i]?.sql).toBe(direct.sql);
      expect(sent[i]?.parameters).toEqual(direct.parameters);
    }
    expect(sent[1]?.parameters).toEqual(['Laine', 'metal', 'verre', 5]);
  });

  it('compiles a new shape when a value is left out, a list changes length or a flag flips', async () => {
    const { db, sent } = recordingDb();
    const shapes = new CompiledShapes(build);
    const calls: Values[] = [
      { title: 'a', families: ['bois'], freeOnly: false, limit: 1 },
      { title: undefined, families: ['bois'], freeOnly: false, limit: 1 },
      { title: 'a', families: ['bois', 'metal'], freeOnly: false, limit: 1 },
      { title: 'a', families: ['bois'], freeOnly: true, limit: 1 },
    ];
    for (const v of calls) await shapes.execute(db, v);
    expect(shapes.size).toBe(4);
    calls.forEach((v, i) => {
      const direct = build(db, v).compile();
      expect([sent[i]?.sql, sent[i]?.parameters]).toEqual([direct.sql, direct.parameters]);
    });
  });

  it('does not cache a shape whose build inlines a value, and still answers with the call’s values', async () => {
    const { db, sent } = recordingDb();
    const inlining = (k: Kysely<Database>, v: Values) =>
      k
        .selectFrom('lot')
        .select('lot.id')
        .where('lot.title', '=', sql.lit(v.title ?? ''))
        .limit(v.limit);
    const shapes = new CompiledShapes(inlining);
    await shapes.execute(db, { title: 'Chutes', families: undefined, freeOnly: false, limit: 3 });
    await shapes.execute(db, { title: 'Laine', families: undefined, freeOnly: false, limit: 4 });
    expect(sent.map((q) => q.sql)).toEqual([
      `select "lot"."id" from "lot" where "lot"."title" = 'Chutes' limit $1`,
      `select "lot"."id" from "lot" where "lot"."title" = 'Laine' limit $1`,
    ]);
    expect(sent.map((q) => q.parameters)).toEqual([[3], [4]]);
  });

  it('stops caching new shapes past its bound, and answers them all the same', async () => {
    const { db, sent } = recordingDb();
    const shapes = new CompiledShapes(build, 1);
    await shapes.execute(db, { title: 'a', families: undefined, freeOnly: false, limit: 1 });
    await shapes.execute(db, { title: undefined, families: undefined, freeOnly: false, limit: 2 });
    expect(shapes.size).toBe(1);
    expect(sent[1]?.parameters).toEqual([2]);
  });
});

describe('shapeKey', () => {
  it('depends on which values are given, list lengths and flags, not on the values', () => {
    const v = (over: Partial<Values>): Values => ({
      title: 'a',
      families: ['x'],
      freeOnly: false,
      limit: 1,
      ...over,
    });
    expect(shapeKey(v({}))).toBe(shapeKey(v({ title: 'b', families: ['y'], limit: 9 })));
    const keys = new Set(
      [v({}), v({ title: undefined }), v({ families: ['x', 'y'] }), v({ freeOnly: true })].map(shapeKey),
    );
    expect(keys.size).toBe(4);
  });
});

describe('compileShape', () => {
  it('refuses a query with a parameter that is not a token', () => {
    expect(
      compileShape({ sql: 'select $1', parameters: [1], query: {} as never, queryId: {} as never }),
    ).toBe(null);
  });
});
