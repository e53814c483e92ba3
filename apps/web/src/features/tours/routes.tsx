import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** « Tournée de retraits », loaded on first visit. */
export const tourRoutes: RouteObject[] = [
  { path: '/echanges/tournee', element: lazyPage(() => import('./TourPage.tsx').then((m) => m.TourPage)) },
  {
    path: '/tournees',
    element: lazyPage(() => import('./PooledToursPage.tsx').then((m) => m.PooledToursPage)),
  },
  {
    path: '/tournees/:id',
    element: lazyPage(() => import('./PooledTourPage.tsx').then((m) => m.PooledTourPage)),
  },
];
