/**
 * zod building blocks for every text, date and bounded number a user can send. PostgreSQL refuses
 * a NUL byte in text and jsonb, and JavaScript strings can hold lone UTF-16 surrogates that no
 * database encoding represents: both used to surface as 500s, so they are refused at the edge
 * with a field error instead. Other C0 controls (and DEL) have no business in a form field either;
 * tab, line feed and carriage return stay allowed where a field is multi-line.
 */
import { z } from 'zod';

/** C0 controls and DEL, except tab, LF and CR. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Every C0 control and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_CONTROL_KEY = 'field.controlCharacters';

/** True when the string holds a control character (tab/newline allowed if multiline) or a lone surrogate. */
export function hasForbiddenCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return (
    (options.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value) || LONE_SURROGATE.test(value)
  );
}

/**
 * `z.string()` that refuses control characters and lone surrogates with `field.controlCharacters`
 * (the field error carries the path). Chain `.trim()`, `.min()`, `.max()`, `.regex()` as usual.
 * Set `multiline` for free text where tab and line breaks are expected (descriptions, messages, CSV).
 */
export function safeText(options: { multiline?: boolean; error?: string } = {}) {
  const base = options.error === undefined ? z.string() : z.string({ error: options.error });
  return base.refine((v) => !hasForbiddenCharacters(v, options), { error: TEXT_CONTROL_KEY, abort: true });
}

/** Bounds for every calendar date a user types: far enough for any real plan, and parseable by PostgreSQL. */
export const MIN_INPUT_YEAR = 2000;
export const MAX_INPUT_YEAR = 2100;

/** True when `y-m-d` is a day of the proleptic Gregorian calendar (no 2026-02-30, no month 13). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A `YYYY-MM-DD` calendar date that exists, between 2000 and 2100: `9999-99-99`, `2026-02-30`,
 * year 0 and expanded years (`+275760-…`) are refused with `field.date` / `field.dateRange`.
 */
export const calendarDateSchema = z.string({ error: 'field.date' }).superRefine((v, ctx) => {
  const m = DATE_RE.exec(v);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    ctx.addIssue({ code: 'custom', message: 'field.date', input: v });
    return;
  }
  const year = Number(m[1]);
  if (year < MIN_INPUT_YEAR || year > MAX_INPUT_YEAR) {
    ctx.addIssue({ code: 'custom', message: 'field.dateRange', input: v });
  }
});

/** A `YYYY-MM` month between 2000 and 2100 (`impact.invalidMonth` otherwise). */
export const monthSchema = z
  .string({ error: 'impact.invalidMonth' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'impact.invalidMonth' })
  .refine(
    (v) => {
      const year = Number(v.slice(0, 4));
      return year >= MIN_INPUT_YEAR && year <= MAX_INPUT_YEAR;
    },
    { error: 'impact.invalidMonth' },
  );

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant sent as an ISO 8601 string with an offset (`2026-05-04T09:00:00+02:00`) or a `Date`
 * (the tRPC client in tests), on an existing calendar day between 2000 and 2100; parsed to a Date.
 * Unlike `z.coerce.date()`, `null`, numbers, `2026-02-30T…` and expanded years are refused.
 */
export function instantSchema(error = 'field.date') {
  return z.union([z.string(), z.date()], { error }).transform((v, ctx) => {
    let date: Date;
    if (typeof v === 'string') {
      const m = DATETIME_RE.exec(v);
      const valid =
        m !== null &&
        isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
        Number(m[4]) <= 23 &&
        Number(m[5]) <= 59 &&
        Number(m[6] ?? 0) <= 59;
      date = valid ? new Date(v) : new Date(Number.NaN);
    } else {
      date = v;
    }
    const year = date.getUTCFullYear();
    if (Number.isNaN(date.getTime()) || year < MIN_INPUT_YEAR || year > MAX_INPUT_YEAR) {
      ctx.addIssue({ code: 'custom', message: error, input: v });
      return z.NEVER;
    }
    return date;
  });
}

/**
 * A coordinate in degrees within [min, max], kept to 1e-7° (about 1 cm): finer digits mean
 * nothing on a map, and a denormal such as 5e-324 underflows PostgreSQL's trigonometry.
 */
export function degreesSchema(min: number, max: number, error: string) {
  return z
    .number({ error })
    .min(min, { error })
    .max(max, { error })
    .transform((v) => Math.round(v * 1e7) / 1e7 || 0);
}
