import type { FastifyInstance } from 'fastify';
import { type Metrics, routeLabel } from '../metrics.ts';
import { unencapsulated } from './unencapsulated.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Every answer carries the request id (the proxy's, or ours: see `genReqId` in server.ts), and
 * each request is one log line and one sample of its route's latency.
 */
export const requestLog = unencapsulated(async (app: FastifyInstance, { metrics }: { metrics: Metrics }) => {
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = routeLabel(req.url, req.routeOptions.url);
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(route, req.method, reply.statusCode, seconds);
    req.log.info(
      {
        method: req.method,
        url: req.url,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
});
