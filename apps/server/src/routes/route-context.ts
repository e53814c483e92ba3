import type { Config } from '@retaille/config';
import type { Actor, Services } from '@retaille/services';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';

export { CSRF_HEADER } from '../http-paths.ts';

/** What the route plugins get from the server: the use cases, the request's actor, the rate limits. */
export interface RouteContext {
  config: Config;
  services: Services;
  /** The session behind a request, resolved once per request. */
  actorOf(req: FastifyRequest): Promise<Actor>;
  /** Set-Cookie values of the session cookie cache refreshed while resolving the actor, if any. */
  sessionCookiesOf(req: FastifyRequest): string[];
  /** The rate limit of signed-in users (per account) and visitors (per address). */
  limitBySession(): onRequestHookHandler;
  /** The per-address rate limit, whoever asks. */
  limitByAddress(): onRequestHookHandler;
  /** Counts one call against the session's limit (a tRPC batch counts each of its calls). */
  countCall: ReturnType<FastifyInstance['createRateLimit']>;
}
