/**
 * Build-time prerender (run by the `retaille-prerender` plugin of vite.config.ts, in Node): the
 * HTML of `/` and `/lots` as an anonymous French visitor first sees them, so a phone paints the
 * page before the JavaScript has run. main.tsx then renders the same tree over it. One variant
 * per payment mode, because the simulation strip sits above every page; the server picks one.
 */
import type { AppRouter, SearchLotsInput } from '@retaille/api/client';
import type { QueryClient } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { renderToString } from 'react-dom/server';
import { createMemoryRouter, matchRoutes } from 'react-router';
import { App, routes } from './app/App.tsx';
import { preloadPage } from './components/LazyPage.tsx';
import { parseBrowse, toSearchInput } from './features/lots/browse-params.ts';
import { i18nReady } from './i18n/i18n.ts';
import { serverStateScript } from './lib/server-state.ts';
import { makeQueryClient, makeTrpcClient } from './lib/trpc.ts';

/**
 * The pages prerendered, by path: the file name each is written under, and the module of its
 * lazy page, whose code and styles the HTML links in its head (styled at the first paint, code
 * fetched beside the entry).
 */
export const prerenderedPages = {
  '/': { name: 'home', module: 'src/routes/HomePage.tsx' },
  '/lots': { name: 'lots', module: 'src/features/lots/LotsPage.tsx' },
} as const;

/** The search `/lots` sends first for an anonymous visitor: no filter, the whole country. */
export function lotsFirstSearch(): Omit<SearchLotsInput, 'cursor'> {
  return toSearchInput(parseBrowse(new URLSearchParams()), null);
}

async function render(
  path: string,
  mode: 'live' | 'simulation',
  seed?: (proxy: ReturnType<typeof createTRPCOptionsProxy<AppRouter>>, client: QueryClient) => Promise<void>,
): Promise<{ markup: string; queryClient: QueryClient }> {
  await i18nReady;
  await Promise.all((matchRoutes(routes, path) ?? []).map((m) => preloadPage(m.route.element)));
  const queryClient = makeQueryClient();
  const trpcClient: TRPCClient<AppRouter> = makeTrpcClient();
  const proxy = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  // Only what the first render reads; nothing is fetched while rendering to a string.
  queryClient.setQueryData(proxy.payments.status.queryKey(), { mode, platformFeeBps: 0 });
  await seed?.(proxy, queryClient);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const markup = renderToString(<App queryClient={queryClient} trpcClient={trpcClient} router={router} />);
  return { markup, queryClient };
}

/** `/` or `/lots` as an anonymous visitor first sees them, before any data (build time). */
export async function prerender(path: string, mode: 'live' | 'simulation'): Promise<string> {
  return (await render(path, mode)).markup;
}

/**
 * `/lots` for an anonymous visitor with its first page of results (rendered by the server at
 * request time, apps/server/src/routes/web-app.ts): the cards and their photos are in the HTML, so
 * a phone paints the list before the JavaScript has run. `stateScript` holds the query cache the
 * browser starts from (main.tsx), so its first render draws the same list without asking again.
 */
export async function renderLots(
  mode: 'live' | 'simulation',
  firstPage: unknown,
): Promise<{ markup: string; stateScript: string }> {
  const { markup, queryClient } = await render('/lots', mode, async (proxy, client) => {
    client.setQueryData(proxy.account.me.queryKey(), null);
    await client.prefetchInfiniteQuery({
      ...proxy.lots.search.infiniteQueryOptions(lotsFirstSearch(), {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
      }),
      queryFn: async () => firstPage as never,
    });
  });
  return { markup, stateScript: serverStateScript(queryClient) };
}
