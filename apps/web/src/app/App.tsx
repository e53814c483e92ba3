import { MantineProvider } from '@mantine/core';
import type { AppRouter } from '@retaille/api/client';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import { lazy, Suspense, useEffect, useState } from 'react';
import { createBrowserRouter, type DataRouter, type RouteObject, RouterProvider } from 'react-router';
import { ClientOnly } from '../components/ClientOnly.tsx';
import { lazyPage } from '../components/LazyPage.tsx';
import { impactRoutes } from '../features/impact/routes.tsx';
import { lotRoutes } from '../features/lots/routes.tsx';
import { matchingRoutes } from '../features/matching/routes.tsx';
import { operationsRoutes } from '../features/operations/routes.tsx';
import { paymentRoutes } from '../features/payments/routes.tsx';
import { requestRoutes } from '../features/requests/routes.tsx';
import { sourcingRoutes } from '../features/sourcing/routes.tsx';
import { tourRoutes } from '../features/tours/routes.tsx';
import { tradeRoutes } from '../features/trades/routes.tsx';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from '../lib/trpc.ts';
import { Layout } from './Layout.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

// The toasts' container (and its transitions) is fetched after the first paint; `notifications.show`
// only needs the small store, which the pages import themselves.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: lazyPage(() => import('../routes/HomePage.tsx').then((m) => m.HomePage)) },
      {
        path: '/sites',
        element: lazyPage(() => import('../features/sites/SitesPage.tsx').then((m) => m.SitesPage)),
      },
      {
        path: '/sites/new',
        element: lazyPage(() => import('../features/sites/SiteFormPage.tsx').then((m) => m.SiteFormPage)),
      },
      {
        path: '/sites/:id',
        element: lazyPage(() => import('../features/sites/SitePage.tsx').then((m) => m.SitePage)),
      },
      {
        path: '/sites/:id/edit',
        element: lazyPage(() => import('../features/sites/SiteFormPage.tsx').then((m) => m.SiteFormPage)),
      },
      {
        path: '/sites/:id/membres',
        element: lazyPage(() =>
          import('../features/members/SiteMembersPage.tsx').then((m) => m.SiteMembersPage),
        ),
      },
      {
        path: '/inscription',
        element: lazyPage(() => import('../features/account/SignUpPage.tsx').then((m) => m.SignUpPage)),
      },
      {
        path: '/connexion',
        element: lazyPage(() => import('../features/account/SignInPage.tsx').then((m) => m.SignInPage)),
      },
      {
        path: '/mot-de-passe-oublie',
        element: lazyPage(() =>
          import('../features/account/ForgotPasswordPage.tsx').then((m) => m.ForgotPasswordPage),
        ),
      },
      {
        path: '/reinitialiser',
        element: lazyPage(() =>
          import('../features/account/ResetPasswordPage.tsx').then((m) => m.ResetPasswordPage),
        ),
      },
      {
        path: '/verification-ok',
        element: lazyPage(() => import('../features/account/VerifiedPage.tsx').then((m) => m.VerifiedPage)),
      },
      {
        path: '/compte',
        element: lazyPage(() => import('../features/account/AccountPage.tsx').then((m) => m.AccountPage)),
      },
      {
        path: '/mes-sites',
        element: lazyPage(() => import('../features/account/MySitesPage.tsx').then((m) => m.MySitesPage)),
      },
      {
        path: '/invitations/:token',
        element: lazyPage(() =>
          import('../features/members/InvitationPage.tsx').then((m) => m.InvitationPage),
        ),
      },
      {
        path: '/coordination/verification',
        element: lazyPage(() =>
          import('../features/coordination/VerificationQueuePage.tsx').then((m) => m.VerificationQueuePage),
        ),
      },
      {
        path: '/dev/courriels',
        element: lazyPage(() => import('../features/dev/OutboxPage.tsx').then((m) => m.OutboxPage)),
      },
      ...lotRoutes,
      ...requestRoutes,
      ...matchingRoutes,
      ...tourRoutes,
      ...sourcingRoutes,
      ...tradeRoutes,
      ...paymentRoutes,
      ...impactRoutes,
      ...operationsRoutes,
      {
        path: '*',
        element: lazyPage(() => import('../routes/NotFoundPage.tsx').then((m) => m.NotFoundPage)),
      },
    ],
  },
];

/**
 * The whole app. The browser passes nothing (or its clients); the build's prerender
 * (prerender.tsx) passes a memory router on the page it writes as HTML.
 */
export function App(props: {
  queryClient?: QueryClient;
  trpcClient?: TRPCClient<AppRouter>;
  router?: DataRouter;
}) {
  const [queryClient] = useState(() => props.queryClient ?? makeQueryClient());
  const [trpcClient] = useState(() => props.trpcClient ?? makeTrpcClient());
  const [router] = useState(() => props.router ?? createBrowserRouter(routes));
  // The app has drawn itself (over the prerendered HTML, if any): end-to-end tests wait for it.
  useEffect(() => document.documentElement.setAttribute('data-app-ready', ''), []);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <ClientOnly>
        <Suspense fallback={null}>
          <Notifications position="top-center" />
        </Suspense>
      </ClientOnly>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RouterProvider router={router} />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
