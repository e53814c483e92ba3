import type { QueryClient, QueryKey } from '@tanstack/react-query';

/** The id of the `<script type="application/json">` holding a server-rendered page's query cache. */
export const SERVER_STATE_ID = 'retaille-state';

/** One query the server's render read: its key, its data and when that data was fetched. */
export interface ServerQuery {
  queryKey: QueryKey;
  data: unknown;
  updatedAt: number;
}

/**
 * The script the server appends to a page it rendered: the queries its render read, as JSON never
 * executed (the CSP allows it), with `<` escaped so no value can close the script element.
 * (Smaller than react-query's dehydrate/hydrate, which the browser's first bundle would carry.)
 */
export function serverStateScript(client: QueryClient): string {
  const queries: ServerQuery[] = client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.status === 'success')
    .map((q) => ({ queryKey: q.queryKey, data: q.state.data, updatedAt: q.state.dataUpdatedAt }));
  const json = JSON.stringify(queries).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="${SERVER_STATE_ID}">${json}</script>`;
}

/** The queries of a server-rendered page (`serverStateScript`); undefined when it has none or they do not parse. */
export function readServerState(doc: Document): ServerQuery[] | undefined {
  const text = doc.getElementById(SERVER_STATE_ID)?.textContent;
  if (!text) return undefined;
  try {
    const queries = JSON.parse(text) as unknown;
    return Array.isArray(queries) &&
      queries.every((q) => Array.isArray(q?.queryKey) && typeof q?.updatedAt === 'number')
      ? (queries as ServerQuery[])
      : undefined;
  } catch {
    return undefined;
  }
}

/** Puts the server's queries in the browser's cache, as fresh as they were when the server read them. */
export function seedQueries(client: QueryClient, queries: ServerQuery[]): void {
  for (const q of queries) client.setQueryData(q.queryKey, q.data, { updatedAt: q.updatedAt });
}

/**
 * Whether the browser may adopt the server's DOM (hydrate) rather than draw the page again: only a
 * page sent with its query cache, for what the server rendered — French, a phone-width window
 * (prerender.tsx renders neither the English texts nor the wide layout).
 */
export function canHydrate(
  state: ServerQuery[] | undefined,
  browser: { locale: string; wide: boolean },
): state is ServerQuery[] {
  return state !== undefined && browser.locale === 'fr' && !browser.wide;
}
