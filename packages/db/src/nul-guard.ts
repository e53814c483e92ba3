import { DomainError } from '@retaille/domain';

/** A `\u0000` escape in JSON text that is not itself an escaped backslash: jsonb refuses it too. */
const JSON_NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return true;
    const first = value.charCodeAt(0);
    // Repositories pass jsonb as JSON.stringify text: `{…}` or `[…]`.
    return (first === 0x7b || first === 0x5b) && JSON_NUL_ESCAPE.test(value);
  }
  if (value === null || typeof value !== 'object' || depth > 16) return false;
  if (value instanceof Date || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.values(value).some((v) => holdsNul(v, depth + 1));
}

/**
 * PostgreSQL refuses U+0000 in text and jsonb ("invalid byte sequence", "unsupported Unicode
 * escape sequence"), which surfaces as a 500. The API refuses control characters in every input;
 * this is the backstop for any string that reaches a query another way, checked on the compiled
 * query's parameters (see GuardedPool): the query is not sent and a VALIDATION DomainError
 * (`field.controlCharacters`, a 400) is thrown instead.
 */
export function assertNoNul(parameters: readonly unknown[]): void {
  for (const p of parameters) {
    if (holdsNul(p)) {
      throw new DomainError('VALIDATION', 'field.controlCharacters', {
        reason: 'nul byte in a query parameter',
      });
    }
  }
}
