import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** A site's payments page, where Stripe Connect onboarding comes back. */
export const paymentRoutes: RouteObject[] = [
  {
    path: '/sites/:id/paiements',
    element: lazyPage(() => import('./SitePaymentsPage.tsx').then((m) => m.SitePaymentsPage)),
  },
];
