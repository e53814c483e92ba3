import type { Config } from '@retaille/config';
import { type DatabaseHandle, siteRepository } from '@retaille/db';
import type { CommuneDirectory } from '@retaille/domain';
import { systemActor } from './auth/actor.ts';
import { loadCommuneDirectory } from './geo/commune-directory.loader.ts';
import { seedDemo } from './seed/demo-seed.ts';
import { SiteService } from './sites/site.service.ts';

export interface Services {
  config: Config;
  database: DatabaseHandle;
  communes: CommuneDirectory;
  sites: SiteService;
  seedDemo(): Promise<{ sites: number }>;
  health(): Promise<boolean>;
}

/** Composition of the use cases over one database handle. */
export async function createServices(deps: {
  config: Config;
  database: DatabaseHandle;
  now?: () => Date;
}): Promise<Services> {
  const { config, database } = deps;
  const now = deps.now ?? (() => new Date());
  const communes = await loadCommuneDirectory();
  const sites = new SiteService({ db: database.db, communes, now });
  return {
    config,
    database,
    communes,
    sites,
    seedDemo: () =>
      seedDemo({
        sites,
        communes,
        countSites: () => siteRepository.countSites(database.db),
        actor: systemActor,
      }),
    health: async () => {
      const { ping } = await import('@retaille/db');
      return ping(database);
    },
  };
}
