import type { FastifyInstance } from 'fastify';

/** A tiny cookie-keeping HTTP client over Fastify's inject, for integration tests. */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly origin: string,
    /** The socket address the server sees (inject's default is 127.0.0.1). */
    private readonly remoteAddress?: string,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(setCookie: string | string[] | undefined) {
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The names of the cookies kept. */
  get cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  /** Another client holding a copy of these cookies (a second tab, or a stolen cookie). */
  copy(): TestClient {
    const twin = new TestClient(this.app, this.origin, this.remoteAddress);
    for (const [k, v] of this.cookies) twin.cookies.set(k, v);
    return twin;
  }

  /** Keeps another cookie, as a browser holds others beside the session's. */
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** Forgets the cookies whose name contains `fragment`. */
  forget(fragment: string): void {
    for (const k of [...this.cookies.keys()]) if (k.includes(fragment)) this.cookies.delete(k);
  }

  get hasSession() {
    return [...this.cookies.keys()].some((k) => k.includes('session_token'));
  }

  async request(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const r = await this.app.inject({
      method,
      url,
      headers: {
        origin: this.origin,
        cookie: this.cookieHeader(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    this.keep(r.headers['set-cookie']);
    return r;
  }

  auth(path: string, body: unknown) {
    return this.request('POST', `/api/auth${path}`, body);
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<{ status: number; data: T; error: any }> {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const r = await this.request('GET', `/trpc/${path}${q}`);
    const json = r.json() as { result?: { data: T }; error?: unknown };
    return { status: r.statusCode, data: json.result?.data as T, error: json.error };
  }

  async mutate<T = unknown>(
    path: string,
    input: unknown,
    csrf = true,
  ): Promise<{ status: number; data: T; error: any }> {
    const r = await this.request('POST', `/trpc/${path}`, input, csrf ? { 'x-retaille-csrf': '1' } : {});
    const json = r.json() as { result?: { data: T }; error?: unknown };
    return { status: r.statusCode, data: json.result?.data as T, error: json.error };
  }
}

export function linkIn(text: string): string {
  const m = text.match(/https?:\/\/\S+/);
  if (!m) throw new Error(`no link in: ${text}`);
  return m[0];
}
