import { type Compilable, CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A query's values: each one a parameter, a list of parameters, or a flag that changes the SQL. */
export type ShapeValues = Record<
  string,
  string | number | boolean | readonly (string | number)[] | undefined
>;

interface Shape {
  sql: string;
  /** For each `$n`: the value's name and, for a list, the element's index. */
  slots: readonly (readonly [name: string, index: number | undefined])[];
}

/** NUL cannot reach a query (`assertNoNul` refuses it), so no real value can be mistaken for a token. */
const MARK = '\u0000';
const token = (name: string, index?: number) => `${MARK}${name}${index === undefined ? '' : `.${index}`}`;

/**
 * Builds and compiles a hot query once per shape instead of on every call (ADR 018).
 *
 * Kysely builds an immutable tree of nodes and compiles it to SQL on every call: about a twelfth
 * of the server's time per catalogue search. The SQL depends only on the query's shape — which
 * values are given, how long the lists are, the flags — not on the values themselves. The first
 * call of a shape builds the query with a token in place of every value (`\0name`, `\0name.i` for
 * list elements), compiles it, and records which value each `$n` takes. Later calls of that shape
 * send the same SQL with their values in that order (and the same SQL names the same prepared
 * statement, see `GuardedPool`).
 *
 * `build` must use every string or number only as a parameter (no arithmetic, no string
 * building, no branching on it: only on whether it is given), and lists only as lists of
 * parameters. Flags (booleans) are passed as they are and are part of the shape. A shape whose
 * compiled SQL breaks the rule (a value inlined, a parameter that is not a token) is never cached:
 * its calls build the query with their values, as before.
 */
export class CompiledShapes<V extends ShapeValues, R> {
  readonly #shapes = new Map<string, Shape | null>();

  constructor(
    private readonly build: (db: Db, values: V) => Compilable<R>,
    private readonly maxShapes = 256,
  ) {}

  async execute(db: Db, values: V): Promise<R[]> {
    const key = shapeKey(values);
    let shape = this.#shapes.get(key);
    if (shape === undefined) {
      shape = compileShape(this.build(db, tokens(values)).compile());
      if (this.#shapes.size < this.maxShapes) this.#shapes.set(key, shape);
    }
    if (shape === null) return (await db.executeQuery(this.build(db, values))).rows;
    const parameters = shape.slots.map(([name, index]) => {
      const value = values[name];
      return index === undefined ? value : (value as readonly unknown[])[index];
    });
    return (await db.executeQuery(CompiledQuery.raw(shape.sql, parameters))).rows as R[];
  }

  /** Shapes compiled so far (cached or refused), for tests. */
  get size(): number {
    return this.#shapes.size;
  }
}

/** Which values are given, the lengths of the lists and the flags: what the SQL depends on. */
export function shapeKey(values: ShapeValues): string {
  return Object.keys(values)
    .sort()
    .map((name) => {
      const v = values[name];
      if (v === undefined) return `${name}:-`;
      if (typeof v === 'boolean') return `${name}:${v}`;
      if (Array.isArray(v)) return `${name}:[${v.length}]`;
      return `${name}:$`;
    })
    .join(' ');
}

function tokens<V extends ShapeValues>(values: V): V {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(values)) {
    if (v === undefined || typeof v === 'boolean') out[name] = v;
    else if (Array.isArray(v)) out[name] = v.map((_, i) => token(name, i));
    else out[name] = token(name);
  }
  return out as V;
}

/** The SQL and slots of a query built with tokens, or null when a value did not stay a parameter. */
export function compileShape(compiled: CompiledQuery): Shape | null {
  if (compiled.sql.includes(MARK)) return null;
  const slots: [string, number | undefined][] = [];
  for (const p of compiled.parameters) {
    if (typeof p !== 'string' || !p.startsWith(MARK)) return null;
    const [name = '', index] = p.slice(MARK.length).split('.');
    slots.push([name, index === undefined ? undefined : Number(index)]);
  }
  return { sql: compiled.sql, slots };
}
