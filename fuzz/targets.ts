/**
 * What the fuzzer calls: every tRPC procedure of the app router (its input schema read from the
 * procedure's parsers), and the HTTP routes outside tRPC (photos, impact exports, auth, the
 * Stripe webhook). Each target turns a generated case into one HTTP request.
 */
import { authTargets } from './auth-targets.ts';
import { impactExportTargets, photoTargets } from './file-targets.ts';
import type { Fixture } from './fixture.ts';
import type { Target } from './target-kit.ts';
import { webhookTargets } from './webhook-targets.ts';

export { procedureTargets } from './procedure-targets.ts';
export { type Case, encodeAny, type HttpRequest, type Target } from './target-kit.ts';

export function httpTargets(fixture: Fixture): Target[] {
  return [
    ...photoTargets(fixture),
    ...impactExportTargets(fixture),
    ...authTargets(fixture),
    ...webhookTargets(fixture),
  ];
}
