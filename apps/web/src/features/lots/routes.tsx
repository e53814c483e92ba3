import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

/** The lots pages (browse, post, edit, lot page), each loaded on first visit. */
export const lotRoutes: RouteObject[] = [
  { path: '/lots', element: lazyPage(() => import('./LotsPage.tsx').then((m) => m.LotsPage)) },
  { path: '/lots/nouveau', element: lazyPage(() => import('./LotFormPage.tsx').then((m) => m.LotFormPage)) },
  { path: '/lots/:id', element: lazyPage(() => import('./LotPage.tsx').then((m) => m.LotPage)) },
  {
    path: '/recherches',
    element: lazyPage(() => import('./SavedSearchesPage.tsx').then((m) => m.SavedSearchesPage)),
  },
  {
    path: '/lots/:id/modifier',
    element: lazyPage(() => import('./LotFormPage.tsx').then((m) => m.LotFormPage)),
  },
];
