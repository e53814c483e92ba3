import {
  type AppRouter,
  appRouter,
  type Context,
  createCallerFactory,
  createInnerContext,
  errorBody,
} from '@retaille/api';
import { type Services, useCasesOf } from '@retaille/services';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AnonymousReadCache } from '../anonymous-read-cache.ts';
import type { RouteContext } from './route-context.ts';

/** The procedure names of a tRPC HTTP request (`/trpc/a,b,c?batch=1`), or undefined when it is not a batch. */
export function batchedPaths(url: string): string[] | undefined {
  const parsed = new URL(url, 'http://x');
  if (parsed.searchParams.get('batch') !== '1') return undefined;
  let path = parsed.pathname.slice('/trpc/'.length);
  try {
    path = decodeURIComponent(path);
  } catch {
    // left as sent; tRPC answers the malformed path itself
  }
  return path.split(',');
}

/**
 * Anonymous read-only procedures whose answer does not depend on who asks: a GET without a cookie
 * may be cached for a short while by the browser or a CDN (a new lot shows up within 30 s).
 */
const CACHEABLE_PROCEDURES = new Set([
  'lots.search',
  'sites.list',
  'geo.searchCommunes',
  'impact.factors.list',
  'impact.factors.get',
]);
const ANONYMOUS_READ_CACHE = 'public, max-age=30';

function cacheableRead(req: FastifyRequest): boolean {
  if (req.method !== 'GET' || req.headers.cookie || req.headers.authorization) return false;
  const end = req.url.indexOf('?');
  const names = req.url
    .slice('/trpc/'.length, end === -1 ? undefined : end)
    .replaceAll('%2C', ',')
    .split(',');
  return names.every((name) => CACHEABLE_PROCEDURES.has(name));
}

/** The procedures as an anonymous visitor calls them, for pages the server renders with their data. */
export function anonymousCaller(services: Services) {
  return createCallerFactory(appRouter)(
    createInnerContext({ services: useCasesOf(services), actor: { kind: 'anonymous' } }),
  );
}

/**
 * tRPC at /trpc, in its own scope: the session's rate limit, then a batch of at most
 * TRPC_MAX_BATCH_SIZE calls (one HTTP request must not fan out into hundreds of queries), then the
 * anonymous body limit. Each call of a batch counts against the rate limit, so a batch costs what
 * its calls cost. Procedures get the narrow context: the actor, the use cases, the request's id.
 */
export async function trpcRoutes(
  app: FastifyInstance,
  { config, services, actorOf, sessionCookiesOf, countCall }: RouteContext,
) {
  // A session looked up in the database refreshes its signed cookie cache: send it back, so the
  // next calls skip the lookup (tRPC itself sets no cookie).
  app.addHook('onSend', async (req, reply) => {
    const cookies = sessionCookiesOf(req);
    if (cookies.length > 0) void reply.header('set-cookie', cookies);
  });
  // tRPC answers with a Web Response, whose body Fastify would read as a stream (and
  // @fastify/compress compress as a stream): a reader, a Node stream and a pipeline per call. Its
  // JSON answer is already whole, so it is sent as a buffer (with a content-length, and compressed
  // in one call when the client accepts it). This scope's hook runs before the route-level
  // compression hook. A streamed answer (JSON lines, events) is left as it is.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!(payload instanceof Response)) return payload;
    if (!payload.headers.get('content-type')?.startsWith('application/json')) return payload;
    void reply.code(payload.status);
    for (const [name, value] of payload.headers) void reply.header(name, value);
    return Buffer.from(await payload.arrayBuffer());
  });
  app.addHook('onRequest', async (req, reply) => {
    const paths = batchedPaths(req.url);
    const max = config.TRPC_MAX_BATCH_SIZE;
    if (paths && paths.length > max) {
      return reply.status(400).send(errorBody(400, 'error.batchTooLarge', { max, count: paths.length }));
    }
    for (let i = 0; i < (paths?.length ?? 1); i++) {
      const limit = await countCall(req);
      if (!limit.isAllowed && limit.isExceeded) {
        return reply
          .status(429)
          .header('retry-after', String(limit.ttlInSeconds))
          .send(errorBody(429, 'error.rateLimited'));
      }
    }
    if (req.method === 'POST' && (await actorOf(req)).kind === 'anonymous') {
      const length = Number(req.headers['content-length'] ?? Number.POSITIVE_INFINITY);
      if (!(length <= config.ANONYMOUS_BODY_LIMIT_BYTES)) {
        return reply.status(413).send(errorBody(413, 'error.payloadTooLarge'));
      }
    }
  });
  // After the rate limit: a cached answer still counts against the caller's limit.
  if (config.anonymousReadCacheSeconds > 0) {
    const cache = new AnonymousReadCache({
      ttlMs: config.anonymousReadCacheSeconds * 1000,
      maxEntries: 1000,
    });
    app.addHook('onRequest', async (req, reply) => {
      if (cacheableRead(req) && cache.serveOrCapture(req, reply)) return reply;
    });
  }
  const useCases = useCasesOf(services);
  /** Contexts of anonymous GETs of CACHEABLE_PROCEDURES (see responseMeta). */
  const cacheableContexts = new WeakSet<Context>();
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      maxBatchSize: config.TRPC_MAX_BATCH_SIZE,
      createContext: async ({ req }): Promise<Context> => {
        const ctx = createInnerContext({
          services: useCases,
          actor: await actorOf(req),
          request: { id: req.id },
        });
        if (cacheableRead(req)) cacheableContexts.add(ctx);
        return ctx;
      },
      // tRPC writes its answer itself, so its headers are set here rather than in a Fastify hook.
      responseMeta: ({ ctx, type, errors }) =>
        ctx && cacheableContexts.has(ctx) && type === 'query' && errors.length === 0
          ? {
              headers: {
                'cache-control': ANONYMOUS_READ_CACHE,
                vary: 'trpc-accept, accept, cookie, accept-language',
              },
            }
          : {},
      onError({ error, path, ctx }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          app.log.error({ err: error.cause ?? error, path, reqId: ctx?.request?.id }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
}
