import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** "Mes échanges", a trade, its pickup slip: each loaded on first visit. */
export const tradeRoutes: RouteObject[] = [
  { path: '/echanges', element: lazyPage(() => import('./TradesPage.tsx').then((m) => m.TradesPage)) },
  { path: '/echanges/:id', element: lazyPage(() => import('./TradePage.tsx').then((m) => m.TradePage)) },
  {
    path: '/echanges/:id/bordereau',
    element: lazyPage(() => import('./PickupSlipPage.tsx').then((m) => m.PickupSlipPage)),
  },
];
