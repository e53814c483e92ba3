import {
  type DatabaseHandle,
  lotRepository,
  membershipRepository,
  siteRepository,
  userRepository,
  wantedRequestRepository,
} from '@retaille/db';
import type { CommuneDirectory } from '@retaille/domain';
import { type PlatformRole, userActor } from '../auth/actor.ts';
import type { Auth } from '../auth/auth.ts';
import type { LotService } from '../catalogue/lot.service.ts';
import type { PhotoService } from '../catalogue/photo.service.ts';
import type { WantedRequestService } from '../catalogue/wanted-request.service.ts';
import { departementChefLieu } from '../geo/commune-directory.loader.ts';
import type { ImpactService } from '../impact/impact.service.ts';
import type { SiteService } from '../sites/site.service.ts';
import { seedDemoImpact } from './demo-impact.ts';
import { demoLots, demoRequests } from './demo-lots.ts';
import { demoPhoto } from './demo-photos.ts';
import { demoSites } from './demo-sites.ts';

export interface DemoAccount {
  email: string;
  name: string;
  roleLabel: string;
  roles: PlatformRole[];
  home?: string;
}

/** One account per role, all clearly marked as demo (printed at start with the password). */
export const demoAccounts: DemoAccount[] = [
  {
    email: 'atelier@demo.retaille.fr',
    name: 'Atelier (démo)',
    roleLabel: 'membre d’atelier / workshop owner',
    roles: [],
  },
  {
    email: 'createur@demo.retaille.fr',
    name: 'Créatrice (démo)',
    roleLabel: 'créateur·rice / designer',
    roles: ['designer'],
    home: '75056',
  },
  {
    email: 'coordination@demo.retaille.fr',
    name: 'Coordination (démo)',
    roleLabel: 'coordinateur·rice / coordinator',
    roles: ['coordinator'],
  },
  { email: 'admin@demo.retaille.fr', name: 'Administration (démo)', roleLabel: 'admin', roles: ['admin'] },
];

export interface SeedReport {
  sites: number;
  lots: number;
  requests: number;
  accounts: DemoAccount[];
}

/**
 * Loads the demo network into an empty database: the known laureates as verified demo sites
 * owned by the demo workshop account, one site waiting for verification, and one account per
 * role. Idempotent: does nothing once sites exist.
 */
export async function seedDemo(deps: {
  db: DatabaseHandle['db'];
  sites: SiteService;
  lots: LotService;
  photos: PhotoService;
  requests: WantedRequestService;
  communes: CommuneDirectory;
  auth: Auth;
  password: string;
  now: () => Date;
  impact?: ImpactService;
}): Promise<SeedReport> {
  const report: SeedReport = { sites: 0, lots: 0, requests: 0, accounts: [] };
  if ((await siteRepository.countSites(deps.db)) > 0) {
    // Already seeded: still list the demo accounts that exist, so the start banner shows them.
    for (const account of demoAccounts) {
      if (await userRepository.findUserIdByEmail(deps.db, account.email)) report.accounts.push(account);
    }
    return report;
  }
  const userIds = new Map<string, string>();
  const ctx = await deps.auth.$context;
  for (const account of demoAccounts) {
    const existing = await userRepository.findUserIdByEmail(deps.db, account.email);
    if (existing) {
      userIds.set(account.email, existing);
      continue;
    }
    {
      const user = await ctx.internalAdapter.createUser(
        { email: account.email, name: account.name, emailVerified: true },
        { method: 'email-password' },
      );
      await ctx.internalAdapter.linkAccount({
        userId: user.id,
        providerId: 'credential',
        accountId: user.id,
        password: await ctx.password.hash(deps.password),
      });
      const home = account.home ? deps.communes.get(account.home) : undefined;
      await userRepository.updateProfile(deps.db, user.id, {
        roles: account.roles,
        is_demo: true,
        ...(home ? { home_commune_insee: home.insee, home_lat: home.lat, home_lon: home.lon } : {}),
      });
      userIds.set(account.email, user.id);
      report.accounts.push(account);
    }
  }
  const owner = userIds.get('atelier@demo.retaille.fr');
  const all = [
    ...demoSites.map((d) => ({ ...d, verified: true })),
    {
      name: 'Atelier partagé des Tanneurs (démo, en attente)',
      description: 'Site de démonstration en attente de vérification par la coordination.',
      departementCode: '92',
      communeInsee: '92050',
      sectors: ['textile' as const, 'metiers_d_art' as const],
      territoryType: 'metropolis' as const,
      verified: false,
    },
  ];
  const siteIds = new Map<string, string>();
  for (const demo of all) {
    const insee = demo.communeInsee ?? departementChefLieu(demo.departementCode);
    const commune = insee ? deps.communes.get(insee) : undefined;
    if (!commune) throw new Error(`demo site ${demo.name}: no commune for ${insee ?? demo.departementCode}`);
    const approximate = demo.communeInsee === undefined;
    const row = await deps.sites.createDemo(
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
      { approximate, verifiedAt: demo.verified ? deps.now() : null },
    );
    if (owner) await membershipRepository.addMember(deps.db, row.id, owner, 'owner');
    siteIds.set(demo.name, row.id);
    report.sites++;
  }
  if (!owner) return report;
  const workshop = userActor({ userId: owner, email: 'atelier@demo.retaille.fr', name: 'Atelier (démo)' });
  for (const [i, demo] of demoLots.entries()) {
    const siteId = siteIds.get(demo.site);
    if (!siteId) throw new Error(`demo lot ${demo.title}: unknown site ${demo.site}`);
    const photo = await deps.photos.upload(workshop, await demoPhoto(demo.photo, i + 1, demo.hue));
    const lot = await deps.lots.create(
      workshop,
      {
        siteId,
        title: demo.title,
        description: demo.description,
        materialKey: demo.materialKey,
        condition: demo.condition,
        unit: demo.unit,
        quantity: demo.quantity,
        dimensions: demo.dimensions ?? {},
        measuredKg: demo.measuredKg ?? null,
        priceCents: demo.priceCents,
        recurring: demo.recurring ?? null,
        photoIds: [photo.id],
        publish: true,
      },
      // No demo site is onboarded: its priced lots show « paiement en attente d'activation ».
      { allowPaymentPending: true },
    );
    await lotRepository.updateLot(deps.db, lot.id, { is_demo: true });
    report.lots++;
  }
  const designerId = userIds.get('createur@demo.retaille.fr');
  if (designerId) {
    const designer = userActor({
      userId: designerId,
      email: 'createur@demo.retaille.fr',
      name: 'Créatrice (démo)',
    });
    for (const demo of demoRequests) {
      const request = await deps.requests.create(designer, {
        ...demo,
        acceptSubstitutes: true,
        point: { kind: 'home' },
      });
      await wantedRequestRepository.updateRequest(deps.db, request.id, { is_demo: true });
      report.requests++;
    }
  }
  // Twelve months of completed trades, recorded by the impact code (see demo-impact.ts).
  if (deps.impact) {
    await seedDemoImpact({
      db: deps.db,
      impact: deps.impact,
      auth: deps.auth,
      workshopUserId: owner,
      now: deps.now,
    });
  }
  return report;
}
