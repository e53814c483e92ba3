import { lotRepository, photoRepository, wantedRequestRepository } from '@retaille/db';
import { mulberry32, type TravelMode } from '@retaille/domain';
import type { UserActor } from '../auth/actor.ts';
import { buyerRequests, generatedLots } from './demo-catalogue.ts';
import { type DemoLot, demoLots, demoRequests } from './demo-lots.ts';
import type { LoadedNetwork } from './demo-network-loader.ts';
import { NOT_ONBOARDED_SITE, onboardDemoSite } from './demo-network-loader.ts';
import { demoPhoto } from './demo-photos.ts';
import type { SeedDeps } from './demo-seed.ts';
import { pickTourGroups, seedDemoPooledTours } from './demo-tours.ts';
import {
  type DemoTradeScript,
  type DemoTradeTarget,
  playDemoTrades,
  type TradableLot,
} from './demo-trades.ts';

/** Lots of the demo workshop's laureate sites that the live trades draw from (not the ones the e2e specs use). */
const WORKSHOP_TRADE_LOTS: DemoLot[] = [
  {
    site: 'La Forge',
    title: 'Chutes de tôle inox 1,5 mm',
    description: 'Chutes d’inox 304 brossé, film protecteur, découpe laser.',
    materialKey: 'stainless_steel',
    condition: 'offcut',
    unit: 'kg',
    quantity: 30,
    priceCents: null,
    photo: 'metal',
  },
  {
    site: 'Le Plateau Fertile (Fashion Green Hub)',
    title: 'Coupons de popeline de coton',
    description: 'Coupons de 2 à 3 m de popeline, chemiserie, coloris pastel.',
    materialKey: 'cotton',
    condition: 'deadstock',
    unit: 'roll',
    quantity: 12,
    dimensions: { rollLengthM: 3, widthMm: 1500 },
    priceCents: 800,
    photo: 'textile',
    hue: 190,
  },
];

/** Trades of the live marketplace: every state of the table, free and paid, with messages. */
const SCRIPT: { target: DemoTradeTarget; paid: boolean; travel?: TravelMode }[] = [
  { target: 'requested', paid: false },
  { target: 'requested', paid: true },
  { target: 'declined', paid: false },
  { target: 'cancelled', paid: false },
  { target: 'expired', paid: false },
  { target: 'accepted', paid: false },
  { target: 'payment_pending', paid: true },
  { target: 'paid', paid: true },
  { target: 'pickup_proposed', paid: false },
  { target: 'pickup_scheduled', paid: false },
  { target: 'pickup_scheduled', paid: true },
  { target: 'handed_over', paid: false, travel: 'bike' },
  { target: 'completed', paid: false, travel: 'van_electric' },
  { target: 'completed', paid: true, travel: 'carrier' },
  { target: 'completed', paid: false, travel: 'public_transport' },
  { target: 'disputed', paid: false, travel: 'car_errands' },
  { target: 'resolved', paid: false, travel: 'van_diesel' },
];

const MESSAGES = [
  {
    from: 'buyer' as const,
    body: 'Bonjour, le lot est-il toujours disponible ? Je peux passer cette semaine.',
  },
  { from: 'seller' as const, body: 'Oui, tout est là. L’atelier est ouvert du mardi au samedi.' },
  { from: 'buyer' as const, body: 'Parfait, merci ! Je viens avec une remorque de vélo.' },
];

export interface MarketReport {
  lots: number;
  requests: number;
  trades: number;
}

/**
 * The living marketplace on top of the network: lots on most sites (photos generated per material
 * family), wanted requests from many buyers, saved searches, then live trades played through the
 * trade commands (demo-trades.ts). The demo workshop sells to buyers and buys from other
 * manufactures, never from itself; the demo designer buys; the admin resolves a dispute.
 */
export async function seedDemoMarket(
  deps: SeedDeps,
  network: LoadedNetwork,
  roles: { workshop: UserActor; designer: UserActor; admin: UserActor; coordinator: UserActor },
  /** Runs once the lots exist and before the live trades (the twelve months of history). */
  beforeTrades: () => Promise<number> = async () => 0,
): Promise<MarketReport> {
  const rand = mulberry32(20261208);
  const report: MarketReport = { lots: 0, requests: 0, trades: 0 };
  const byName = new Map(network.sites.map((s) => [s.spec.name, s] as const));
  const lotsToCreate: DemoLot[] = [...demoLots, ...WORKSHOP_TRADE_LOTS];
  for (const [i, site] of network.sites.entries()) {
    if ('generated' in site.spec)
      lotsToCreate.push(...generatedLots(site.spec.name, site.spec.sectors, 9000 + i));
  }
  const tradable: TradableLot[] = [];
  const processed = new Map<string, string>();
  for (const [i, demo] of lotsToCreate.entries()) {
    const site = byName.get(demo.site);
    if (!site?.row.verified_at) throw new Error(`demo lot ${demo.title}: unknown site ${demo.site}`);
    const seller = site.owner;
    // A priced lot's site takes payments (the emulator) before the lot is published.
    const payable = demo.priceCents !== null && (await onboardDemoSite(deps, site));
    // Two pictures per material family and hue: rendered and processed once, then copied per lot.
    const key = `${demo.photo}:${i % 2}:${demo.hue}`;
    const source = processed.get(key);
    let photo = source
      ? await photoRepository.copyStoredPhoto(deps.db, source, seller.userId, deps.now())
      : undefined;
    if (!photo) {
      photo = await deps.photos.upload(seller, await demoPhoto(demo.photo, i % 2, demo.hue));
      processed.set(key, photo.id);
    }
    const lot = await deps.lots.create(
      seller,
      {
        siteId: site.row.id,
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
      // Only the site kept off the payments (NOT_ONBOARDED_SITE) shows « paiement en attente ».
      { allowPaymentPending: demo.priceCents !== null && !payable },
    );
    await lotRepository.updateLot(deps.db, lot.id, { is_demo: true });
    report.lots++;
    const isE2eLot = demoLots.includes(demo);
    if (!isE2eLot && demo.site !== NOT_ONBOARDED_SITE) {
      tradable.push({
        id: lot.id,
        siteId: site.row.id,
        unit: demo.unit,
        quantity: demo.quantity,
        priceCents: demo.priceCents,
        seller,
      });
    }
  }
  // Wanted requests: the demo designer's, then the buyers' (each buyer one or two).
  for (const demo of demoRequests) {
    const request = await deps.requests.create(roles.designer, {
      ...demo,
      acceptSubstitutes: true,
      point: { kind: 'home' },
    });
    await wantedRequestRepository.updateRequest(deps.db, request.id, { is_demo: true });
    report.requests++;
  }
  for (const [i, buyer] of network.buyers.entries()) {
    const picks = i % 3 === 0 ? 2 : 1;
    for (let k = 0; k < picks; k++) {
      const demo = buyerRequests[(i * 5 + k * 7) % buyerRequests.length]!;
      const request = await deps.requests.create(buyer.actor, {
        ...demo,
        acceptSubstitutes: rand() < 0.5,
        point: { kind: 'home' },
      });
      await wantedRequestRepository.updateRequest(deps.db, request.id, { is_demo: true });
      report.requests++;
    }
  }
  // Saved searches of the designer and a dozen buyers.
  if (deps.savedSearches) {
    const searches = [
      { name: 'Bois massif près de chez moi', filters: { familyKey: 'wood' }, radiusKm: 80 },
      {
        name: 'Cuir gratuit',
        filters: { materialKey: 'leather_bovine_vegetable', freeOnly: true },
        radiusKm: 400,
      },
      {
        name: 'Textiles en fin de série',
        filters: { familyKey: 'textile', condition: 'deadstock' as const },
        radiusKm: 150,
      },
    ];
    const savers = [roles.designer, ...network.buyers.slice(0, 12).map((b) => b.actor)];
    for (const [i, actor] of savers.entries()) {
      const s = searches[i % searches.length]!;
      await deps.savedSearches.create(actor, { ...s, point: { kind: 'home' } });
    }
  }
  report.trades += await beforeTrades();
  if (deps.trades) {
    // The scripted trades draw from the generated manufactures' lots; the workshop's own get one request.
    const workshopLots = tradable.filter((l) => l.seller.userId === roles.workshop.userId);
    const others = tradable.filter((l) => l.seller.userId !== roles.workshop.userId);
    // A few départements' free lots go to the coordinator's pooled tours (demo-tours.ts).
    const tourGroups = deps.pooledTours
      ? pickTourGroups(
          network,
          others.filter((l) => !l.priceCents),
        )
      : [];
    const toured = new Set(tourGroups.flatMap((g) => g.lots.map((l) => l.id)));
    const free = others.filter((l) => !l.priceCents && !toured.has(l.id));
    const priced = others.filter((l) => (l.priceCents ?? 0) > 0);
    // Each scripted trade takes a lot no other script touched, so none finds its lot sold out.
    const cursor = { free: 0, priced: 0 };
    const take = (paid: boolean) =>
      paid ? priced[cursor.priced++ % priced.length]! : free[cursor.free++ % free.length]!;
    const scripts: DemoTradeScript[] = SCRIPT.map((step, i) => {
      const lot = take(step.paid);
      const buyer = network.buyers[(i * 5) % network.buyers.length]!.actor;
      return {
        target: step.target,
        lot,
        buyer: lot.seller.userId === buyer.userId ? roles.designer : buyer,
        ...(step.travel ? { travel: step.travel } : {}),
        ...(i % 3 === 0 ? { messages: MESSAGES } : {}),
      };
    });
    // Each demo role finds something waiting: a request to answer for the workshop, an
    // acceptance and a pickup slot for the designer, a dispute for the operators.
    const workshopLot = workshopLots[0];
    if (workshopLot) {
      scripts.push({
        target: 'requested',
        lot: workshopLot,
        buyer: network.buyers[1]!.actor,
        messages: MESSAGES,
      });
    }
    const workshopSite = network.sites.find(
      (x) => x.owner.userId === roles.workshop.userId && x.row.verified_at,
    );
    scripts.push(
      { target: 'accepted', lot: take(false), buyer: roles.designer, messages: MESSAGES.slice(0, 2) },
      { target: 'pickup_scheduled', lot: take(false), buyer: roles.designer },
      { target: 'completed', lot: take(false), buyer: roles.designer, travel: 'on_foot' },
      // The workshop buys for one of its sites from another manufacture (never from itself).
      {
        target: 'pickup_proposed',
        lot: take(false),
        buyer: roles.workshop,
        ...(workshopSite ? { buyerSiteId: workshopSite.row.id } : {}),
      },
    );
    const states = await playDemoTrades({
      db: deps.db,
      trades: deps.trades,
      emulator: deps.emulator,
      operator: roles.admin,
      scripts,
      now: deps.now,
    });
    report.trades += states.length;
    if (deps.pooledTours) {
      const tours = await seedDemoPooledTours(
        {
          db: deps.db,
          trades: deps.trades,
          pooledTours: deps.pooledTours,
          operator: roles.admin,
          now: deps.now,
        },
        network,
        roles,
        tourGroups,
      );
      report.trades += tours.trades;
    }
  }
  return report;
}
