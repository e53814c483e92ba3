import { type DatabaseHandle, type DemoDataCounts, demoDataRepository, userRepository } from '@retaille/db';
import type { CommuneDirectory } from '@retaille/domain';
import type { StripeEmulator } from '@retaille/payments';
import { type PlatformRole, type UserActor, userActor } from '../auth/actor.ts';
import type { Auth } from '../auth/auth.ts';
import type { LotService } from '../catalogue/lot.service.ts';
import type { PhotoService } from '../catalogue/photo.service.ts';
import type { WantedRequestService } from '../catalogue/wanted-request.service.ts';
import type { ImpactService } from '../impact/impact.service.ts';
import type { SavedSearchService } from '../saved-searches/saved-search.service.ts';
import type { SiteService } from '../sites/site.service.ts';
import type { PooledTourService } from '../tours/pooled-tour.service.ts';
import type { PaymentAccountService } from '../trades/payment-account.service.ts';
import type { TradeService } from '../trades/trade.service.ts';
import { seedDemoImpact } from './demo-impact.ts';
import { seedDemoMarket } from './demo-market.ts';
import { seedDemoNetwork } from './demo-network-loader.ts';

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
  trades: number;
  accounts: DemoAccount[];
  /** Set when the loader refused: the database holds rows not marked demo (see SEED_DEMO_FORCE). */
  refused?: DemoDataCounts;
}

export interface SeedDeps {
  db: DatabaseHandle['db'];
  sites: SiteService;
  lots: LotService;
  photos: PhotoService;
  requests: WantedRequestService;
  savedSearches?: SavedSearchService;
  trades?: TradeService;
  /** The coordinator's pooled tours over some of the demo's agreed pickups (demo-tours.ts). */
  pooledTours?: PooledTourService;
  payments?: PaymentAccountService;
  emulator?: StripeEmulator | undefined;
  communes: CommuneDirectory;
  auth: Auth;
  password: string;
  now: () => Date;
  impact?: ImpactService;
  /** Load next to rows not marked demo (SEED_DEMO_FORCE). */
  force?: boolean;
}

/** A demo user: verified, marked demo; a password only for the printed accounts. */
export async function createDemoUser(
  deps: Pick<SeedDeps, 'db' | 'auth' | 'communes'>,
  user: {
    email: string;
    name: string;
    roles: PlatformRole[];
    home?: string;
    /** A home point without a commune (a maker living near a workshop). */
    point?: { lat: number; lon: number };
    password?: string;
  },
): Promise<UserActor> {
  const ctx = await deps.auth.$context;
  const created = await ctx.internalAdapter.createUser(
    { email: user.email, name: user.name, emailVerified: true },
    { method: 'email-password' },
  );
  if (user.password) {
    await ctx.internalAdapter.linkAccount({
      userId: created.id,
      providerId: 'credential',
      accountId: created.id,
      password: await ctx.password.hash(user.password),
    });
  }
  const home = user.home ? deps.communes.get(user.home) : undefined;
  await userRepository.updateProfile(deps.db, created.id, {
    roles: user.roles,
    is_demo: true,
    ...(home ? { home_commune_insee: home.insee, home_lat: home.lat, home_lon: home.lon } : {}),
    ...(user.point ? { home_lat: user.point.lat, home_lon: user.point.lon } : {}),
  });
  return userActor({ userId: created.id, email: user.email, name: user.name, roles: user.roles });
}

/**
 * Loads the demo network (demo-network.ts: the laureates and generated manufactures up to 100,
 * buyers across France), its marketplace (demo-market.ts: lots, requests, saved searches, live
 * trades in every state) and twelve months of history (demo-impact.ts). Every row is marked demo;
 * `pnpm demo:remove` takes them away. Idempotent: nothing happens once demo sites exist. Refuses
 * (and says so in the report) when the database holds rows not marked demo, unless `force`.
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedReport> {
  const report: SeedReport = { sites: 0, lots: 0, requests: 0, trades: 0, accounts: [] };
  const existing = await demoDataRepository.countDemoSites(deps.db);
  if (existing > 0) {
    // Already seeded: still list the demo accounts that exist, so the start banner shows them.
    for (const account of demoAccounts) {
      if (await userRepository.findUserIdByEmail(deps.db, account.email)) report.accounts.push(account);
    }
    return report;
  }
  const others = await demoDataRepository.countNonDemo(deps.db);
  if (!deps.force && Object.values(others).some((n) => n > 0)) return { ...report, refused: others };
  const roles = new Map<string, UserActor>();
  for (const account of demoAccounts) {
    if (await userRepository.findUserIdByEmail(deps.db, account.email)) continue;
    const actor = await createDemoUser(deps, { ...account, password: deps.password });
    roles.set(account.email, actor);
    report.accounts.push(account);
  }
  const workshop = roles.get('atelier@demo.retaille.fr');
  const designer = roles.get('createur@demo.retaille.fr');
  const admin = roles.get('admin@demo.retaille.fr');
  const coordinator = roles.get('coordination@demo.retaille.fr');
  if (!workshop || !designer || !admin || !coordinator) return report;
  const network = await seedDemoNetwork(deps, workshop);
  report.sites = network.sites.length;
  // Twelve months of completed trades, recorded by the impact code (see demo-impact.ts), before
  // the live trades so that the history's guard (no demo impact yet) holds.
  const history = async () =>
    deps.impact
      ? (
          await seedDemoImpact({
            db: deps.db,
            impact: deps.impact,
            buyers: network.buyers,
            localBuyers: network.localBuyers,
            owners: network.owners,
            now: deps.now,
          })
        ).trades
      : 0;
  const market = await seedDemoMarket(deps, network, { workshop, designer, admin, coordinator }, history);
  report.lots = market.lots;
  report.requests = market.requests;
  report.trades = market.trades;
  return report;
}
