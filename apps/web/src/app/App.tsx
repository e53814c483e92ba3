import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { SiteFormPage } from '../features/sites/SiteFormPage.tsx';
import { SitePage } from '../features/sites/SitePage.tsx';
import { SitesPage } from '../features/sites/SitesPage.tsx';
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
