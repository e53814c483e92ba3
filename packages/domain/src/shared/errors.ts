import type { z } from 'zod';

/**
 * Every rule violation in the domain and services is a DomainError with a stable code.
 * The API layer maps codes to transport codes and French/English messages in one table.
 */
export const domainErrorCodes = [
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION',
  'CONFLICT',
  'RATE_LIMITED',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export interface FieldProblem {
  /** Dotted path of the field, e.g. `postalCode`. */
  path: string;
  /** Message key, translated at the edge (see api `messages`). */
  key: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    /** Message key (e.g. `site.notFound`), translated at the edge. */
    public readonly key: string,
    public readonly details: { fields?: FieldProblem[]; [k: string]: unknown } = {},
  ) {
    super(`${code}: ${key}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/**
 * `raw` as `schema` parses it, or a VALIDATION refusal under `key` with one field problem per
 * issue, the issue's message as its key (the schemas give message keys, e.g. `measure.zero`).
 */
export function parseOrRefuse<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  key = 'validation.failed',
): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new DomainError('VALIDATION', key, {
    fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), key: i.message })),
  });
}
