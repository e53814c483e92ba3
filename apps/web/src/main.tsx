import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import type { AppRouter } from '@retaille/api/client';
import { hydrate } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { matchRoutes } from 'react-router';
import { App, routes } from './app/App.tsx';
import { preloadPage } from './components/LazyPage.tsx';
import { i18nReady } from './i18n/i18n.ts';
import { readServerState } from './lib/server-state.ts';
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
if (serverState) hydrate(queryClient, serverState);
const paymentMode = queryClient.prefetchQuery(
  createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }).payments.status.queryOptions(),
);
// …waited for at most 400 ms: a slow answer only costs the jump it would have avoided.
const paymentModeOrTimeout = Promise.race([paymentMode, new Promise((r) => setTimeout(r, 400))]);

// The first render waits for the visitor's dictionary (one small chunk), never for the other one.
// Until then, `/` and `/lots` show their HTML prerendered at build time (prerender.tsx), which
// this render replaces with the same markup.
void Promise.allSettled([i18nReady, paymentModeOrTimeout, firstPage]).then(() => {
  const root = createRoot(document.getElementById('root')!);
  // A transition: React renders the first tree in slices and yields between them, so a phone's
  // main thread is never blocked for the whole render (Total Blocking Time).
  startTransition(() => {
    root.render(
      <StrictMode>
        <App queryClient={queryClient} trpcClient={trpcClient} />
      </StrictMode>,
    );
  });
});
