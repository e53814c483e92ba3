import { searchCommunes } from './routers/geo/search-communes.ts';
import { createSite } from './routers/sites/create-site.ts';
import { getSite } from './routers/sites/get-site.ts';
import { listSites } from './routers/sites/list-sites.ts';
import { updateSite } from './routers/sites/update-site.ts';
import { router } from './trpc.ts';

/** Wires procedure names only; each procedure lives in its own file. */
export const appRouter = router({
  geo: router({ searchCommunes }),
  sites: router({ list: listSites, get: getSite, create: createSite, update: updateSite }),
});

export type AppRouter = typeof appRouter;
