import { isDomainError } from '../shared/errors.ts';

/**
 * For tests (never imported by the rules): what a user would be told when `fn` fails — the
 * DomainError's code, key and details in one object, to compare whole. Throws when `fn` does not
 * fail, or fails with something other than a DomainError.
 */
export function errorDetails(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, key: e.key, ...e.details };
    throw e;
  }
  throw new Error('did not throw');
}
