import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** Wanted requests (mine, open ones nearby, the form), each loaded on first visit. */
export const requestRoutes: RouteObject[] = [
  { path: '/demandes', element: lazyPage(() => import('./RequestsPage.tsx').then((m) => m.RequestsPage)) },
  {
    path: '/demandes/nouvelle',
    element: lazyPage(() => import('./RequestFormPage.tsx').then((m) => m.RequestFormPage)),
  },
];
