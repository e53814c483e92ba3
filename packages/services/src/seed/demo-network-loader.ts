import { membershipRepository, paymentAccountRepository, type SiteRow } from '@retaille/db';
import { mulberry32 } from '@retaille/domain';
import type { UserActor } from '../auth/actor.ts';
import { departementChefLieu } from '../geo/commune-directory.loader.ts';
import {
  type DemoManufacture,
  demoOpeningHours,
  generateBuyers,
  generateManufactures,
  localBuyerName,
} from './demo-network.ts';
import { createDemoUser, type SeedDeps } from './demo-seed.ts';
import { type DemoSite, demoSites } from './demo-sites.ts';

/** Kept without a payment account: the onboarding path of a priced lot stays visible (and tested). */
export const NOT_ONBOARDED_SITE = 'Électrolab';

export interface LoadedSite {
  row: SiteRow;
  spec: DemoSite | DemoManufacture;
  owner: UserActor;
}

export interface LoadedNetwork {
  sites: LoadedSite[];
  /** Owner of each verified site, by site id. */
  owners: Map<string, UserActor>;
  /** Designers and other buyers across France, with their home commune. */
  buyers: { actor: UserActor; lat: number; lon: number; insee: string }[];
  /** One maker living 3 to 18 km from each verified site, by site id (the history's short circuits). */
  localBuyers: Map<string, UserActor>;
}

const KM_PER_DEG_LAT = 111.32;

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);

/**
 * Creates the demo network: the laureates (owned by the demo workshop account, as before), the
 * generated manufactures (each with its own owner and members), one site awaiting verification,
 * and the buyers. Sites are onboarded to the simulated payments with their first priced lot
 * (`onboardDemoSite`).
 */
export async function seedDemoNetwork(deps: SeedDeps, workshop: UserActor): Promise<LoadedNetwork> {
  const rand = mulberry32(20261207);
  const manufactures = generateManufactures(deps.communes);
  const specs: { spec: DemoSite | DemoManufacture; verified: boolean }[] = [
    ...demoSites.map((spec) => ({ spec, verified: true })),
    ...manufactures.map((spec) => ({ spec, verified: true })),
    {
      spec: {
        name: 'Atelier partagé des Tanneurs (démo, en attente)',
        description: 'Site de démonstration en attente de vérification par la coordination.',
        departementCode: '92',
        communeInsee: '92050',
        sectors: ['textile', 'metiers_d_art'],
        territoryType: 'metropolis',
      },
      verified: false,
    },
  ];
  const sites: LoadedSite[] = [];
  const owners = new Map<string, UserActor>();
  for (const [i, { spec, verified }] of specs.entries()) {
    const insee = spec.communeInsee ?? departementChefLieu(spec.departementCode);
    const commune = insee ? deps.communes.get(insee) : undefined;
    if (!commune) throw new Error(`demo site ${spec.name}: no commune for ${insee ?? spec.departementCode}`);
    const approximate = spec.communeInsee === undefined;
    const row = await deps.sites.createDemo(
      {
        name: spec.name,
        description: spec.description,
        address: approximate
          ? 'Adresse à confirmer (donnée de démonstration)'
          : `${commune.name} (adresse de démonstration)`,
        postalCode: commune.postalCodes[0] ?? '',
        communeInsee: commune.insee,
        sectors: spec.sectors,
        territoryType: spec.territoryType,
        openingHours: demoOpeningHours(rand),
      },
      { approximate, verifiedAt: verified ? deps.now() : null },
    );
    let owner = workshop;
    if ('generated' in spec) {
      const members: UserActor[] = [];
      for (const [m, name] of spec.members.entries()) {
        members.push(
          await createDemoUser(deps, {
            email: `${slug(name)}.${i}-${m}@demo.retaille.fr`,
            name: `${name} (démo)`,
            roles: [],
          }),
        );
      }
      owner = members[0]!;
      for (const [m, member] of members.entries()) {
        await membershipRepository.addMember(deps.db, row.id, member.userId, m === 0 ? 'owner' : 'member');
      }
    } else {
      await membershipRepository.addMember(deps.db, row.id, workshop.userId, 'owner');
    }
    if (verified) owners.set(row.id, owner);
    sites.push({ row, spec, owner });
  }
  const buyers: LoadedNetwork['buyers'] = [];
  for (const [i, b] of generateBuyers().entries()) {
    const commune = deps.communes.get(b.communeInsee);
    if (!commune) continue;
    const actor = await createDemoUser(deps, {
      email: `acheteur-${i + 1}@demo.retaille.fr`,
      name: b.name,
      roles: b.kind === 'designer' ? ['designer'] : [],
      home: commune.insee,
    });
    buyers.push({ actor, lat: commune.lat, lon: commune.lon, insee: commune.insee });
  }
  const localBuyers = new Map<string, UserActor>();
  for (const [i, site] of sites.entries()) {
    if (!site.row.verified_at) continue;
    const km = 3 + rand() * 15;
    const bearing = rand() * 2 * Math.PI;
    const lat = site.row.lat + (km * Math.cos(bearing)) / KM_PER_DEG_LAT;
    const lon =
      site.row.lon + (km * Math.sin(bearing)) / (KM_PER_DEG_LAT * Math.cos((site.row.lat * Math.PI) / 180));
    const actor = await createDemoUser(deps, {
      email: `voisin-${i + 1}@demo.retaille.fr`,
      name: localBuyerName(rand),
      roles: ['designer'],
      point: { lat, lon },
    });
    localBuyers.set(site.row.id, actor);
  }
  return { sites, owners, buyers, localBuyers };
}

/**
 * Onboards a verified demo site to the simulated payments (the emulator), once: the account is
 * created, its onboarding completed on the emulator and its flags read back, as the site page's
 * return from Stripe would. Nothing without the emulator (live Stripe) or for `NOT_ONBOARDED_SITE`.
 */
export async function onboardDemoSite(deps: SeedDeps, site: LoadedSite): Promise<boolean> {
  if (!deps.payments || !deps.emulator) return false;
  if (!site.row.verified_at || site.spec.name === NOT_ONBOARDED_SITE) return false;
  if (await paymentAccountRepository.findSellerAccount(deps.db, site.row.id)) return true;
  await deps.payments.onboard(site.owner, site.row.id);
  const account = await paymentAccountRepository.findSellerAccount(deps.db, site.row.id);
  if (!account) return false;
  await deps.emulator.completeOnboarding(account.stripe_account_id);
  await deps.payments.accountStatus(site.owner, site.row.id);
  return true;
}
