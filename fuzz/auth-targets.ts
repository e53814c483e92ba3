/** The auth routes (better-auth under /api/auth/*), called anonymously by GET and POST. */
import fc from 'fast-check';
import type { Fixture } from './fixture.ts';
import { applyMutation, hostileStructures, mutationArb, toJson } from './hostile.ts';
import { anyString, type Case, encodeAny, rawPostBodies, type Target } from './target-kit.ts';

export function authTargets(fixture: Fixture): Target[] {
  const email = fc.oneof(fc.constantFrom(...fixture.known.emails), fc.emailAddress(), anyString);
  const password = fc.oneof(fc.string({ minLength: 10, maxLength: 20 }), anyString);
  const bodyValue = fc.oneof(
    fc.record({ email, password }),
    fc.record({ name: anyString, email, password }),
    fc.record({ email, redirectTo: fc.oneof(fc.webUrl(), anyString) }),
    fc.record({ newPassword: password, token: anyString }),
    fc.record({ token: anyString, callbackURL: fc.oneof(fc.webUrl(), anyString) }),
  );
  const value = fc.oneof(
    { arbitrary: bodyValue, weight: 3 },
    { arbitrary: fc.tuple(bodyValue, mutationArb(true)).map(([v, m]) => applyMutation(v, m)), weight: 4 },
    { arbitrary: fc.constantFrom(...hostileStructures), weight: 1 },
  );
  const endpoint = fc.constantFrom(
    'sign-in/email',
    'sign-up/email',
    'sign-out',
    'request-password-reset',
    'forget-password',
    'reset-password',
    'send-verification-email',
    'verify-email',
    'get-session',
    'update-user',
    'change-password',
    'list-sessions',
    'revoke-sessions',
    'delete-user',
    'organization/create',
    'does-not-exist',
    '..%2F..%2Ftrpc%2Faccount.me',
    '%00',
  );
  const arbitrary = fc
    .tuple(
      endpoint,
      value,
      fc.constantFrom('POST', 'POST', 'POST', 'GET') as fc.Arbitrary<'POST' | 'GET'>,
      fc.option(fc.constantFrom(...rawPostBodies)),
    )
    .map(([ep, v, method, raw]): Case => {
      if (method === 'GET') {
        const pairs =
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.entries(v).map(
                ([k, x]) => `${encodeAny(k)}=${encodeAny(typeof x === 'string' ? x : (toJson(x) ?? ''))}`,
              )
            : [];
        return {
          // Anonymous only: a role's session must survive sign-out and delete-user calls.
          role: 'anonymous',
          transport: 'GET',
          input: v,
          request: {
            method: 'GET',
            path: `/api/auth/${ep}?${pairs.join('&')}`,
            headers: { origin: fixture.origin },
          },
          checkFields: false,
        };
      }
      const body = raw ? raw.body : toJson(v);
      return {
        role: 'anonymous',
        transport: raw ? `raw POST: ${raw.name}` : 'POST',
        input: raw ? undefined : v,
        request: {
          method: 'POST',
          path: `/api/auth/${ep}`,
          headers: { origin: fixture.origin, 'content-type': raw?.contentType || 'application/json' },
          ...(body === undefined ? {} : { body }),
        },
        checkFields: false,
      };
    });
  return [{ name: 'POST|GET /api/auth/*', kind: 'http', arbitrary }];
}
