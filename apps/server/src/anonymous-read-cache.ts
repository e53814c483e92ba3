import type { FastifyReply, FastifyRequest } from 'fastify';

interface Entry {
  body: Buffer;
  headers: Record<string, string>;
  expires: number;
}

/**
 * A per-process cache of anonymous, cookie-less GETs of read-only procedures whose answer does not
 * depend on who asks (the ones already sent with `cache-control: public, max-age=30`): the same
 * search from many visitors is answered once per `ttlMs`. The answer is captured as tRPC writes it
 * (tRPC writes the raw response itself); only 200s are kept. Bounded: the oldest entry goes first.
 */
export class AnonymousReadCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number; now?: () => number }) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private key(req: FastifyRequest) {
    return `${req.headers['accept-language']?.startsWith('en') ? 'en' : 'fr'} ${req.url}`;
  }

  /** Answers from the cache and returns true, or arranges for the answer to be captured. */
  serveOrCapture(req: FastifyRequest, reply: FastifyReply): boolean {
    const key = this.key(req);
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) {
      void reply.headers(hit.headers).header('x-cache', 'hit').send(hit.body);
      return true;
    }
    if (hit) this.entries.delete(key);
    const raw = reply.raw;
    const chunks: Buffer[] = [];
    const write = raw.write.bind(raw);
    const end = raw.end.bind(raw);
    raw.write = ((chunk: unknown, ...rest: never[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as string));
      return write(chunk as never, ...rest);
    }) as typeof raw.write;
    raw.end = ((chunk?: unknown, ...rest: never[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
      if (raw.statusCode === 200) this.store(key, Buffer.concat(chunks), raw.getHeaders());
      return end(chunk as never, ...rest);
    }) as typeof raw.end;
    return false;
  }

  private store(key: string, body: Buffer, headers: Record<string, unknown>) {
    const kept: Record<string, string> = {};
    for (const name of ['content-type', 'cache-control', 'vary']) {
      const value = headers[name];
      if (typeof value === 'string') kept[name] = value;
    }
    // Only answers tRPC marked cacheable (responseMeta): errors and anything else are not kept.
    if (!kept['cache-control']?.startsWith('public')) return;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { body, headers: kept, expires: this.now() + this.options.ttlMs });
  }
}
