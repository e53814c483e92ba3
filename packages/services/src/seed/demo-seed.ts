import type { CommuneDirectory } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { departementChefLieu } from '../geo/commune-directory.loader.ts';
import type { SiteService } from '../sites/site.service.ts';
import { demoSites } from './demo-sites.ts';

export interface SeedReport {
  sites: number;
}

/**
 * Loads the demo network into an empty database. Idempotent: does nothing when sites exist.
 * Every seeded row is marked `is_demo` and shown with a "démo" badge.
 */
export async function seedDemo(deps: {
  sites: SiteService;
  communes: CommuneDirectory;
  countSites: () => Promise<number>;
  actor: Actor;
}): Promise<SeedReport> {
  if ((await deps.countSites()) > 0) return { sites: 0 };
  let sites = 0;
  for (const demo of demoSites) {
    const insee = demo.communeInsee ?? departementChefLieu(demo.departementCode);
    const commune = insee ? deps.communes.get(insee) : undefined;
    if (!commune) throw new Error(`demo site ${demo.name}: no commune for ${insee ?? demo.departementCode}`);
    const approximate = demo.communeInsee === undefined;
    await deps.sites.create(
      deps.actor,
      {
        name: demo.name,
        description: demo.description,
        address: approximate
          ? 'Adresse à confirmer (donnée de démonstration)'
          : `${commune.name} (adresse de démonstration)`,
        postalCode: commune.postalCodes[0] ?? '',
        communeInsee: commune.insee,
        sectors: demo.sectors,
        territoryType: demo.territoryType,
      },
      { isDemo: true, approximate },
    );
    sites++;
  }
  return { sites };
}
