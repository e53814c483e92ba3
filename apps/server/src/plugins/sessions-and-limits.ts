import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { Config } from '@retaille/config';
import { type Actor, anonymous, type Services } from '@retaille/services';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteContext } from '../routes/route-context.ts';

/** Fastify's headers as Web Headers, with the client address as Fastify sees it (trustProxy). */
export function webHeaders(req: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
  }
  // Never trust a client-sent X-Forwarded-For: rate limits key on this value.
  headers.set('x-forwarded-for', req.ip);
  return headers;
}

/**
 * The session behind a request, resolved once whichever hook or handler asks first. Without a
 * cookie there is no session: anonymous at once, no session lookup in the database. The session
 * cookie cache refreshed on the way is kept for the routes that send it back (sessionCookiesOf).
 */
function sessionResolver(
  services: Pick<Services, 'resolveActor'>,
): Pick<RouteContext, 'actorOf' | 'sessionCookiesOf'> {
  const actors = new WeakMap<FastifyRequest, Promise<Actor>>();
  const cookies = new WeakMap<FastifyRequest, string[]>();
  return {
    actorOf: (req) => {
      let actor = actors.get(req);
      if (!actor) {
        actor = req.headers.cookie
          ? services.resolveActor(webHeaders(req), (values) => cookies.set(req, values))
          : Promise.resolve(anonymous);
        actors.set(req, actor);
      }
      return actor;
    },
    sessionCookiesOf: (req) => cookies.get(req) ?? [],
  };
}

/**
 * Rate limits (in memory, per process): per address for anonymous clients, per account for
 * signed-in ones, with one bucket per route group; each route group adds its limiter as a hook.
 * Registered on the app itself (the plugin decorates it), so it returns what the routes need.
 */
export async function sessionsAndLimits(
  app: FastifyInstance,
  config: Config,
  services: Services,
): Promise<RouteContext> {
  const { actorOf, sessionCookiesOf } = sessionResolver(services);
  await app.register(rateLimit, {
    global: false,
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Rate limit exceeded, retry in ${context.after}`,
    }),
  });
  const clientAddress = (req: FastifyRequest) => `ip:${normalizeIP(req.ip, 64)}`;
  const bySession = {
    keyGenerator: async (req: FastifyRequest) => {
      const actor = await actorOf(req);
      return actor.kind === 'user' ? `user:${actor.userId}` : clientAddress(req);
    },
    max: (_req: FastifyRequest, key: string) =>
      key.startsWith('user:') ? config.RATE_LIMIT_USER_MAX : config.RATE_LIMIT_ANONYMOUS_MAX,
  };
  return {
    config,
    services,
    actorOf,
    sessionCookiesOf,
    limitBySession: () => app.rateLimit(bySession),
    limitByAddress: () =>
      app.rateLimit({ keyGenerator: clientAddress, max: config.RATE_LIMIT_ANONYMOUS_MAX }),
    countCall: app.createRateLimit(bySession),
  };
}
