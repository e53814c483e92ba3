import type { FastifyInstance } from 'fastify';
import { AUTH_BASE_PATH } from '../http-paths.ts';
import { webHeaders } from '../plugins/sessions-and-limits.ts';
import type { RouteContext } from './route-context.ts';

/**
 * Authentication endpoints (better-auth): sign-up, sign-in, sign-out, verification, reset.
 * Small bodies only, and a per-address limit in front of better-auth's own per-endpoint ones.
 */
export async function authRoutes(app: FastifyInstance, { config, services, limitByAddress }: RouteContext) {
  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
    bodyLimit: config.ANONYMOUS_BODY_LIMIT_BYTES,
    onRequest: limitByAddress(),
    handler: async (req, reply) => {
      const url = new URL(req.url, config.publicUrl);
      const body = req.method === 'POST' && req.body !== undefined ? JSON.stringify(req.body) : undefined;
      const response = await services.handleAuthRequest(
        new Request(url, { method: req.method, headers: webHeaders(req), ...(body ? { body } : {}) }),
      );
      reply.status(response.status);
      for (const [key, value] of response.headers) {
        if (key === 'set-cookie' || key === 'content-length') continue;
        reply.header(key, value);
      }
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
    },
  });
}
