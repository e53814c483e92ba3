import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import type { AppRouter } from '@retaille/api/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { matchRoutes } from 'react-router';
import { App, routes } from './app/App.tsx';
import { preloadPage } from './components/LazyPage.tsx';
import { currentLocale, i18nReady } from './i18n/i18n.ts';
import { WIDE_LAYOUT_QUERY } from './lib/layout.ts';
import { canHydrate, readServerState, seedQueries } from './lib/server-state.ts';
import { makeQueryClient, makeTrpcClient } from './lib/trpc.ts';

// The first page's code is fetched now, beside the dictionary, not after it; the first render
// waits for it, so it draws the page at once (no loading frame over the prerendered HTML).
const firstPage = Promise.all(
  (matchRoutes(routes, window.location.pathname) ?? []).map((m) => preloadPage(m.route.element)),
);

// The payment mode decides the simulation strip above every page: asked now, beside the
// dictionary, it is known at the first paint and the strip does not push the page down (CLS).
const queryClient = makeQueryClient();
const trpcClient = makeTrpcClient();
// A page the server rendered with its data (`/lots`) carries the query cache it rendered from.
const serverState = readServerState(document);
if (serverState) seedQueries(queryClient, serverState);
const paymentMode = queryClient.prefetchQuery(
  createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }).payments.status.queryOptions(),
);
// …waited for at most 400 ms: a slow answer only costs the jump it would have avoided.
const paymentModeOrTimeout = Promise.race([paymentMode, new Promise((r) => setTimeout(r, 400))]);

// The first render waits for the visitor's dictionary (one small chunk), never for the other one.
// Until then, `/` and `/lots` show their HTML prerendered at build time (prerender.tsx), which
// this render replaces with the same markup.
void Promise.allSettled([i18nReady, paymentModeOrTimeout, firstPage]).then(() => {
  const container = document.getElementById('root')!;
  const app = (
    <StrictMode>
      <App queryClient={queryClient} trpcClient={trpcClient} />
    </StrictMode>
  );
  const browser = { locale: currentLocale(), wide: window.matchMedia(WIDE_LAYOUT_QUERY).matches };
  if (canHydrate(serverState, browser)) {
    // The server drew this page from the same cache: React adopts its DOM instead of building it
    // again (no second layout of the whole page), in a transition so that hydration yields to the
    // browser between slices (Total Blocking Time). Should the markup differ anyway, React draws
    // the page itself: worth a warning, not an error.
    startTransition(() => {
      hydrateRoot(container, app, {
        onRecoverableError: (error) =>
          console.warn('Part of the server-rendered page was drawn again:', error),
      });
    });
    return;
  }
  const root = createRoot(container);
  // A transition: React renders the first tree in slices and yields between them, so a phone's
  // main thread is never blocked for the whole render (Total Blocking Time).
  startTransition(() => {
    root.render(app);
  });
});
