import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** « Nomenclature » and its baskets, loaded on first visit. */
export const sourcingRoutes: RouteObject[] = [
  {
    path: '/nomenclature',
    element: lazyPage(() => import('./SourcingPage.tsx').then((m) => m.SourcingPage)),
  },
  {
    path: '/nomenclature/paniers',
    element: lazyPage(() => import('./BasketsPage.tsx').then((m) => m.BasketsPage)),
  },
  {
    path: '/nomenclature/paniers/:id',
    element: lazyPage(() => import('./BasketPage.tsx').then((m) => m.BasketPage)),
  },
];
