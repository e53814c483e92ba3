import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER } from '../http-paths.ts';
import { unencapsulated } from './unencapsulated.ts';

/**
 * CSRF: cookie-authenticated tRPC mutations must carry a custom header, which a cross-site form
 * cannot send and a cross-site script cannot add without a CORS preflight we never allow.
 * (The photo upload checks the same header itself.)
 */
export const csrfGuard = unencapsulated(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'POST' && req.url.startsWith('/trpc') && req.headers[CSRF_HEADER] !== '1') {
      return reply
        .status(403)
        .send({ error: { status: 403, key: 'error.csrf', message: 'Missing CSRF header' } });
    }
  });
});
