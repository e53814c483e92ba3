import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/LazyPage.tsx';

const page = () => import('./OperationsPage.tsx').then((m) => m.OperationsPage);

/** The operator console: `/operations` and one path per section. */
export const operationsRoutes: RouteObject[] = [
  { path: '/operations', element: lazyPage(page) },
  { path: '/operations/:section', element: lazyPage(page) },
];
