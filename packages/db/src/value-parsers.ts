import pg from 'pg';

/**
 * How the driver turns PostgreSQL text values into JavaScript, set once for the pool of either
 * engine (PGlite's node-postgres shim only replaces the connection: rows are still parsed by `pg`).
 * The generated table types (`schema-codegen.ts`) state the same choices, so repositories return
 * numbers and calendar dates and nothing above them converts database values.
 *
 * - `numeric` → number. Every numeric column is `numeric(p, s)` with p ≤ 14 (quantities and kg
 *   `numeric(14, 3)`, so at most 11 integer digits, far above the domain's 1,000 t and 1,000,000
 *   units): 14 significant digits round-trip exactly through a double (which holds 15).
 * - `int8` → number, and a value outside ±2^53 fails the query rather than losing digits. Money is
 *   integer cents (a trade total is at most 1,000,000 € = 10^8 cents), counts and sums of cents
 *   stay far below 2^53 ≈ 9·10^15.
 * - `date` → the `YYYY-MM-DD` string PostgreSQL prints: a calendar date has no time zone, and the
 *   driver's default (a Date at local midnight) shifts by a day when printed in UTC.
 * - `timestamptz` stays a Date, `json`/`jsonb` stay parsed (the driver's defaults).
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} does not fit in a JS number`);
  return n;
}

export const parseNumeric = (text: string): number => Number(text);

export const parseDate = (text: string): string => text;

const { builtins } = pg.types;
/** Arrays of these types are not read anywhere (numeric[] is already parsed to numbers by the driver). */
const textParsers = new Map<number, (text: string) => unknown>([
  [builtins.INT8, parseInt8],
  [builtins.NUMERIC, parseNumeric],
  [builtins.DATE, parseDate],
]);

/** The `types` option of a `pg` pool: our parsers first, the driver's defaults otherwise. */
export const databaseTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text'
      ? (textParsers.get(oid) ?? pg.types.getTypeParser(oid, 'text'))
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
