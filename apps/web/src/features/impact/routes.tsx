import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** Impact pages (dashboard, a site's dashboard, the circuits map, the A4 report, the written method), each loaded on first visit. */
export const impactRoutes: RouteObject[] = [
  { path: '/impact', element: lazyPage(() => import('./ImpactPages.tsx').then((m) => m.ImpactPage)) },
  {
    path: '/impact/methode',
    element: lazyPage(() => import('./ImpactMethodPage.tsx').then((m) => m.ImpactMethodPage)),
  },
  {
    path: '/impact/circuits',
    element: lazyPage(() => import('./CircuitsPage.tsx').then((m) => m.CircuitsPage)),
  },
  {
    path: '/impact/rapport',
    element: lazyPage(() => import('./ImpactReportPage.tsx').then((m) => m.ImpactReportPage)),
  },
  {
    path: '/sites/:id/impact',
    element: lazyPage(() => import('./ImpactPages.tsx').then((m) => m.SiteImpactPage)),
  },
];
