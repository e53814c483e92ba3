/**
 * Build-time prerender (run by the `retaille-prerender` plugin of vite.config.ts, in Node): the
 * HTML of `/` and `/lots` as an anonymous French visitor first sees them, so a phone paints the
 * page before the JavaScript has run. main.tsx then renders the same tree over it. One variant
 * per payment mode, because the simulation strip sits above every page; the server picks one.
 */
import type { AppRouter } from '@retaille/api/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { renderToString } from 'react-dom/server';
import { createMemoryRouter, matchRoutes } from 'react-router';
import { App, routes } from './app/App.tsx';
import { preloadPage } from './components/LazyPage.tsx';
import { i18nReady } from './i18n/i18n.ts';
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

export async function prerender(path: string, mode: 'live' | 'simulation'): Promise<string> {
  await i18nReady;
  await Promise.all((matchRoutes(routes, path) ?? []).map((m) => preloadPage(m.route.element)));
  const queryClient = makeQueryClient();
  const trpcClient = makeTrpcClient();
  // Only what the first render reads; nothing is fetched while rendering to a string.
  queryClient.setQueryData(
    createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }).payments.status.queryKey(),
    { mode, platformFeeBps: 0 },
  );
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return renderToString(<App queryClient={queryClient} trpcClient={trpcClient} router={router} />);
}
