import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { assertNoNul } from './nul-guard.ts';

export interface GuardedPoolOptions {
  /** Name data statements so PostgreSQL parses them once per connection (PostgreSQL only). */
  preparedStatements: boolean;
  /** Distinct statement texts named per process; beyond, they go unnamed. */
  maxStatements?: number;
}

/**
 * The pool Kysely queries through. Every query's parameters are checked for NUL bytes before they
 * are sent (see `assertNoNul`: a VALIDATION error instead of a database error), and on PostgreSQL
 * data statements are named prepared statements (ADR 015).
 *
 * Kysely sends every query unnamed, so PostgreSQL parses it again on each call. Named, a statement
 * is parsed once per connection; after five executions PostgreSQL may also keep a generic plan,
 * when it is estimated no costlier than the custom ones (the catalogue search is written for that,
 * see `lot-search.repository.ts`).
 *
 * - Only data statements (select, insert, update, delete, with) are named, but not upserts (see
 *   `ON_CONFLICT`); a bounded number of distinct texts per process (`maxStatements`), the rest go
 *   unnamed.
 * - A migration that changes a table's columns invalidates the prepared `select *` and
 *   `returning *` of servers still running (a rolling deploy): PostgreSQL answers
 *   `cached plan must not change result type`. The text then gets a new name, so every
 *   connection prepares it again, and the query is retried once unnamed when no transaction was
 *   open (inside one the error stands: the transaction is already aborted).
 * - Off behind a transaction-mode pooler such as PgBouncer < 1.21, which cannot keep named
 *   statements (`DATABASE_PREPARED_STATEMENTS=false`).
 */
export class GuardedPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #prepared: boolean;
  readonly #maxStatements: number;
  readonly #names = new Map<string, string>();
  readonly #clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  #next = 0;

  constructor(pool: pg.Pool, options: GuardedPoolOptions) {
    this.#pool = pool;
    this.#prepared = options.preparedStatements;
    this.#maxStatements = options.maxStatements ?? 500;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.#pool.connect();
    // Kysely keys its connection objects by client: one wrapper per pooled client.
    let wrapped = this.#clients.get(client);
    if (!wrapped) {
      wrapped = this.#wrap(client);
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }

  async end(): Promise<void> {
    await this.#pool.end();
  }

  #nameFor(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known !== undefined || !this.#prepared) return known;
    if (this.#names.size >= this.#maxStatements || !DATA_STATEMENT.test(text) || ON_CONFLICT.test(text)) {
      return undefined;
    }
    const name = `k${++this.#next}`;
    this.#names.set(text, name);
    return name;
  }

  #wrap(client: pg.PoolClient): PostgresPoolClient {
    const query = ((textOrCursor: any, values?: unknown[]) => {
      // A cursor (Kysely's `stream`) is submitted as is, synchronously.
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor);
      if (values) assertNoNul(values);
      const name = this.#nameFor(textOrCursor);
      if (name === undefined) return client.query(textOrCursor, values);
      return this.#named(client, name, textOrCursor, values ?? []);
    }) as PostgresPoolClient['query'];
    return { query, release: (destroy?: boolean) => client.release(destroy) };
  }

  async #named(client: pg.PoolClient, name: string, text: string, values: unknown[]) {
    const idle = client.getTransactionStatus() === 'I';
    try {
      return await client.query({ name, text, values });
    } catch (e) {
      if (!isStalePlan(e)) throw e;
      // Every connection prepares the text again under a new name.
      this.#names.set(text, `k${++this.#next}`);
      if (!idle) throw e;
      return client.query(text, values);
    }
  }
}

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * An upsert on a partial unique index names the index's predicate with parameters
 * (`on conflict (…) where kind = $3`). A generic plan cannot prove that predicate, and PostgreSQL
 * builds one at the sixth execution to compare costs: the statement then fails with "there is no
 * unique or exclusion constraint matching the ON CONFLICT specification". Upserts stay unnamed.
 */
const ON_CONFLICT = /\bon conflict\b/i;

/** PostgreSQL's answer to a prepared statement whose table changed shape (feature_not_supported). */
export function isStalePlan(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { code?: unknown }).code === '0A000' &&
    String((e as { message?: unknown }).message).includes('cached plan must not change result type')
  );
}
