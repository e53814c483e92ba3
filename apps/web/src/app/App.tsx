import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { ForgotPasswordPage } from '../features/account/ForgotPasswordPage.tsx';
import { MySitesPage } from '../features/account/MySitesPage.tsx';
import { ResetPasswordPage } from '../features/account/ResetPasswordPage.tsx';
import { SignInPage } from '../features/account/SignInPage.tsx';
import { SignUpPage } from '../features/account/SignUpPage.tsx';
import { VerifiedPage } from '../features/account/VerifiedPage.tsx';
import { VerificationQueuePage } from '../features/coordination/VerificationQueuePage.tsx';
import { OutboxPage } from '../features/dev/OutboxPage.tsx';
import { impactRoutes } from '../features/impact/routes.tsx';
import { lotRoutes } from '../features/lots/routes.tsx';
import { matchingRoutes } from '../features/matching/routes.tsx';
import { InvitationPage } from '../features/members/InvitationPage.tsx';
import { SiteMembersPage } from '../features/members/SiteMembersPage.tsx';
import { paymentRoutes } from '../features/payments/routes.tsx';
import { requestRoutes } from '../features/requests/routes.tsx';
import { SiteFormPage } from '../features/sites/SiteFormPage.tsx';
import { SitePage } from '../features/sites/SitePage.tsx';
import { SitesPage } from '../features/sites/SitesPage.tsx';
import { tradeRoutes } from '../features/trades/routes.tsx';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from '../lib/trpc.ts';
import { HomePage } from '../routes/HomePage.tsx';
import { NotFoundPage } from '../routes/NotFoundPage.tsx';
import { Layout } from './Layout.tsx';
import { theme } from './theme.ts';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/sites', element: <SitesPage /> },
      { path: '/sites/new', element: <SiteFormPage /> },
      { path: '/sites/:id', element: <SitePage /> },
      { path: '/sites/:id/edit', element: <SiteFormPage /> },
      { path: '/sites/:id/membres', element: <SiteMembersPage /> },
      { path: '/inscription', element: <SignUpPage /> },
      { path: '/connexion', element: <SignInPage /> },
      { path: '/mot-de-passe-oublie', element: <ForgotPasswordPage /> },
      { path: '/reinitialiser', element: <ResetPasswordPage /> },
      { path: '/verification-ok', element: <VerifiedPage /> },
      { path: '/compte', element: <AccountPage /> },
      { path: '/mes-sites', element: <MySitesPage /> },
      { path: '/invitations/:token', element: <InvitationPage /> },
      { path: '/coordination/verification', element: <VerificationQueuePage /> },
      { path: '/dev/courriels', element: <OutboxPage /> },
      ...lotRoutes,
      ...requestRoutes,
      ...matchingRoutes,
      ...tradeRoutes,
      ...paymentRoutes,
      ...impactRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-center" />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RouterProvider router={router} />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
