/**
 * `/lots` for anonymous visitors, rendered by the server with its first page of results, so a phone
 * paints the lots (and fetches their photos) before the JavaScript has run. The rendering is the
 * web build's own (apps/web/src/prerender.tsx, kept as dist/ssr/prerender.js): this module only
 * fetches the data, fills the page's shell and keeps the result for a short while, since every
 * anonymous visitor sees the same page.
 */

/** What the web build's server bundle exports for this page. */
export interface LotsRenderer {
  /** The search the page sends first for an anonymous visitor. */
  lotsFirstSearch(): unknown;
  renderLots(
    mode: 'live' | 'simulation',
    firstPage: unknown,
  ): Promise<{ markup: string; stateScript: string }>;
}

const EMPTY_ROOT = '<div id="root"></div>';

/** The shell with the page's markup in #root and the query cache it was drawn from after it. */
export function fillShell(shell: string, markup: string, stateScript: string): string {
  if (!shell.includes(EMPTY_ROOT)) throw new Error('the page shell has no empty #root');
  return shell.replace(EMPTY_ROOT, () => `<div id="root">${markup}</div>\n    ${stateScript}`);
}

export interface ServerRenderedLotsOptions {
  load: () => Promise<LotsRenderer>;
  shell: () => Promise<string>;
  /** `lots.search` as an anonymous caller gets it (the same output the API sends). */
  search: (input: unknown) => Promise<unknown>;
  mode: 'live' | 'simulation';
  /** How long a rendered page is sent to every anonymous visitor (0: rendered on each visit). */
  ttlMs: number;
  now?: () => number;
}

/** The rendered page, shared by the visitors of `ttlMs`; concurrent visits wait for one render. */
export class ServerRenderedLots {
  private cached: { html: string; expires: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: ServerRenderedLotsOptions) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The page's HTML; rejects when it cannot be rendered (the caller then sends the static page). */
  html(): Promise<string> {
    if (this.cached && this.cached.expires > this.now()) return Promise.resolve(this.cached.html);
    this.pending ??= this.render().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async render(): Promise<string> {
    const { load, shell, search, mode, ttlMs } = this.options;
    const [renderer, page] = await Promise.all([load(), shell()]);
    // Through JSON, as the browser receives it (dates as strings, no undefined).
    const firstPage = JSON.parse(JSON.stringify(await search(renderer.lotsFirstSearch())));
    const { markup, stateScript } = await renderer.renderLots(mode, firstPage);
    const html = fillShell(page, markup, stateScript);
    if (ttlMs > 0) this.cached = { html, expires: this.now() + ttlMs };
    return html;
  }
}
