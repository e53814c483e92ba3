import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** « Tournée de retraits », loaded on first visit. */
export const tourRoutes: RouteObject[] = [
  { path: '/echanges/tournee', element: lazyPage(() => import('./TourPage.tsx').then((m) => m.TourPage)) },
];
