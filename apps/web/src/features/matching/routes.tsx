import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** Matching pages (proposals, notifications, the coordinators' allocation), each loaded on first visit. */
export const matchingRoutes: RouteObject[] = [
  {
    path: '/notifications',
    element: lazyPage(() => import('./NotificationsPage.tsx').then((m) => m.NotificationsPage)),
  },
  {
    path: '/notifications/preferences',
    element: lazyPage(() =>
      import('./NotificationPreferencesPage.tsx').then((m) => m.NotificationPreferencesPage),
    ),
  },
  {
    path: '/notifications/desabonnement',
    element: lazyPage(() => import('./UnsubscribePage.tsx').then((m) => m.UnsubscribePage)),
  },
  {
    path: '/demandes/:id/propositions',
    element: lazyPage(() => import('./ProposalsPages.tsx').then((m) => m.RequestProposalsPage)),
  },
  {
    path: '/lots/:id/propositions',
    element: lazyPage(() => import('./ProposalsPages.tsx').then((m) => m.LotProposalsPage)),
  },
  {
    path: '/coordination/allocation',
    element: lazyPage(() => import('./AllocationPage.tsx').then((m) => m.AllocationPage)),
  },
];
