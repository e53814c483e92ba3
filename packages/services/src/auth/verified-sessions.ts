/** What better-auth answered for a session it read from its signed cookie cache. */
export interface VerifiedSession {
  userId: string;
  token: string;
}

/** Longer `Cookie` headers are not kept (4 kB: a session's two cookies are about 1 kB). */
const MAX_KEPT_HEADER = 4096;

interface Entry extends VerifiedSession {
  until: number;
}

/**
 * better-auth's answers for the session cookies it verified from their signed cookie cache, kept
 * until that cache expires (decision 014, throughput addendum).
 *
 * While a `session_data` cookie is fresh, better-auth's `getSession` is a pure function of the
 * cookie bytes and the clock: it checks two HMAC signatures (the session token's and the cache's,
 * through WebCrypto's thread pool), that the cache names the same token, and that neither the cache
 * nor the session has expired; it reads nothing and sets no cookie. Doing that for every request
 * of an active client was about a tenth of the server's time on `trades.request`. The same
 * `Cookie` header, before the cache's own `expiresAt` (and the session's), gets the same answer:
 * it is kept here, keyed by the whole header, and checked against the clock on each use.
 *
 * Nothing else changes: an answer that set a cookie (a database lookup, a refreshed or expired
 * cache) is never kept; a revoked token is refused by `resolveActor` whether the answer is kept or
 * not; the profile (roles, deletion) is still read on every request. Bounded: past `maxEntries`
 * the oldest answer goes first.
 */
export class VerifiedSessions {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  get(cookieHeader: string): VerifiedSession | undefined {
    const entry = this.#entries.get(cookieHeader);
    if (!entry) return undefined;
    if (entry.until <= this.clock()) {
      this.#entries.delete(cookieHeader);
      return undefined;
    }
    return entry;
  }

  /** Keeps an answer read from the cookie cache until `until` (ms), if that is still ahead. */
  remember(cookieHeader: string, session: VerifiedSession, until: number): void {
    // A signed-in client could pad its header with junk cookies to fill memory: long headers are
    // simply verified each time, as before.
    if (!(until > this.clock()) || cookieHeader.length > MAX_KEPT_HEADER) return;
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(cookieHeader, { ...session, until });
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * The expiry (ms) of better-auth's compact cookie cache in a `Cookie` header: its `session_data`
 * cookie is base64url JSON `{ session, expiresAt, signature }`. Undefined when the header has no
 * such cookie in one piece (a chunked cache, another strategy, a malformed value): such answers
 * are simply not kept. Only read after better-auth has verified the same bytes.
 */
export function cookieCacheExpiry(cookieHeader: string): number | undefined {
  const values: string[] = [];
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name === 'better-auth.session_data' || name === '__Secure-better-auth.session_data') {
      values.push(part.slice(eq + 1).trim());
    }
  }
  // Two copies: which one better-auth read is not ours to guess.
  if (values.length !== 1) return undefined;
  try {
    const json = Buffer.from(decodeURIComponent(values[0] ?? ''), 'base64url').toString('utf8');
    const payload = JSON.parse(json) as { expiresAt?: unknown } | null;
    const expiresAt = payload?.expiresAt;
    return typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? expiresAt : undefined;
  } catch {
    return undefined;
  }
}
