import type { Actor, Services } from '@retaille/services';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';

/** The header every cookie-authenticated state change must carry (CSRF, see server.ts). */
export const CSRF_HEADER = 'x-retaille-csrf';

/** What the route plugins get from the server: the use cases, the request's actor, the rate limit. */
export interface RouteContext {
  services: Services;
  /** The session behind a request, resolved once per request. */
  actorOf(req: FastifyRequest): Promise<Actor>;
  /** The rate limit of signed-in users (per account) and visitors (per address). */
  limitBySession(): onRequestHookHandler;
}
