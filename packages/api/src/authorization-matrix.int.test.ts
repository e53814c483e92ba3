import { EMBEDDED_FACTOR_VERSION, EMBEDDED_MATERIAL_ROWS, MATERIAL_CSV_COLUMNS } from '@retaille/domain';
import type { Actor, UserActor } from '@retaille/services';
import { anonymous } from '@retaille/services';
import {
  createTestServices,
  createTestUser,
  onboardTestSeller,
  type TestServices,
} from '@retaille/services/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.ts';
import { createCallerFactory } from './trpc.ts';

/**
 * For EVERY procedure of the router (enumerated from the router itself, so a new procedure
 * without a row here fails), call it as each kind of actor and check the outcome.
 */
type ActorName = 'anonymous' | 'otherMember' | 'owner' | 'coordinator' | 'admin';
type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
const actorNames: ActorName[] = ['anonymous', 'otherMember', 'owner', 'coordinator', 'admin'];

let s: TestServices;
const actors = {} as Record<ActorName, Actor>;
let siteId: string;
let extraMemberId: string;
const createCaller = createCallerFactory(appRouter);

const siteInput = {
  name: 'Matrice',
  description: '',
  address: '1 rue des Essais',
  postalCode: '42000',
  sectors: ['bois' as const],
  territoryType: 'small_medium_town' as const,
};

async function newPendingSite(): Promise<string> {
  return (await s.sites.create(actors.owner, siteInput)).id;
}
async function newInvitationToken(
  email: string,
  site = siteId,
  by: Actor = actors.owner,
): Promise<{ token: string; id: string }> {
  const { url, invitation } = await s.memberships.invite(by, site, { email, role: 'member' });
  return { token: url.split('/').pop()!, id: invitation.id };
}
const emailOf = (a: ActorName) =>
  actors[a].kind === 'user' ? (actors[a] as { email: string }).email : 'x@example.test';

const apiLot = () => ({
  siteId,
  title: 'Chutes de chêne',
  materialKey: 'oak',
  condition: 'offcut',
  unit: 'piece',
  quantity: 10,
  dimensions: { lengthMm: 1000, widthMm: 200, thicknessMm: 20 },
  free: true,
});
async function newLot(status: 'published' | 'withdrawn' = 'published'): Promise<string> {
  const lot = await s.lots.create(actors.owner, {
    ...apiLot(),
    priceCents: null,
    description: '',
    photoIds: [],
    publish: true,
  } as never);
  if (status === 'withdrawn') await s.lots.setStatus(actors.owner, lot.id, 'withdraw');
  return lot.id;
}
const apiRequest = () => ({
  title: 'Chêne',
  materialKeys: ['oak'],
  unit: 'piece',
  quantityMin: 1,
  quantityMax: 5,
  maxDistanceKm: 50,
  point: { kind: 'commune', insee: '42218' },
});
async function newRequest(): Promise<string> {
  return (
    await s.requests.create(actors.owner, {
      ...apiRequest(),
      description: '',
      acceptSubstitutes: true,
    } as never)
  ).id;
}

async function newRequestBy(who: ActorName): Promise<string> {
  return (
    await s.requests.create(actors[who], {
      ...apiRequest(),
      description: '',
      acceptSubstitutes: true,
    } as never)
  ).id;
}
/** An open offer of a fresh lot of the owner's site to a request of `who`. */
async function newOfferTo(who: ActorName): Promise<string> {
  return (
    await s.offers.create(actors.owner, {
      lotId: await newLot(),
      requestId: await newRequestBy(who),
      quantity: 1,
    })
  ).id;
}
const offerRecipientOnly: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'NOT_FOUND',
  owner: 'NOT_FOUND',
  coordinator: 'ok',
  admin: 'NOT_FOUND',
};

// Regions without lots or requests in this fixture: each call gets its own scope, so no run is shared.
const emptyRegions = [
  '01',
  '02',
  '03',
  '04',
  '06',
  '94',
  '27',
  '28',
  '24',
  '32',
  '44',
  '75',
  '76',
  '53',
  '52',
];
async function failedRun(): Promise<string> {
  const { runId } = await s.allocations.start(actors.admin, emptyRegions.shift()!);
  await s.allocations.settled(runId);
  return runId;
}
let decidable: { runId: string; lotId: string; requestId: string };
const coordinatorOrAdmin: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'FORBIDDEN',
  owner: 'FORBIDDEN',
  coordinator: 'ok',
  admin: 'ok',
};

async function newTradeLot(priceCents: number | null = null): Promise<string> {
  const lot = await s.lots.create(actors.owner, {
    ...apiLot(),
    priceCents,
    description: '',
    photoIds: [],
    publish: true,
  } as never);
  return lot.id;
}
type TradeStage =
  | 'requested'
  | 'accepted'
  | 'proposedBySeller'
  | 'handedOver'
  | 'disputed'
  | 'paymentPending';
/** A trade on the owner's site whose buyer is otherMember, brought to `stage`. */
async function newTrade(stage: TradeStage = 'requested'): Promise<string> {
  const buyer = actors.otherMember;
  const lotId = await newTradeLot(stage === 'paymentPending' ? 500 : null);
  const { id } = await s.trades.request(buyer, { lotId, quantity: 1 });
  if (stage === 'requested') return id;
  await s.trades.accept(actors.owner, id);
  if (stage === 'accepted' || stage === 'paymentPending') return id;
  if (stage === 'proposedBySeller') {
    await s.trades.proposePickup(actors.owner, id, pickupSlot());
    return id;
  }
  await s.trades.handOver(actors.owner, id, 1);
  if (stage === 'disputed') await s.trades.openDispute(buyer, id, 'Pas conforme');
  return id;
}
const pickupSlot = () => ({
  start: new Date(Date.now() + 86_400_000),
  end: new Date(Date.now() + 90_000_000),
});
/**
 * A tour through one pickup otherMember agreed for tomorrow 12:00–14:00 UTC (midday in Paris
 * whatever the hour the test runs), from a point in Saint-Étienne near the owner's site.
 */
async function newTourInput() {
  const tradeId = await newTrade('accepted');
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCHours(12, 0, 0, 0);
  await s.trades.proposePickup(actors.owner, tradeId, { start, end: new Date(start.getTime() + 7_200_000) });
  await s.trades.agreePickup(actors.otherMember, tradeId);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(start);
  return {
    tradeIds: [tradeId],
    start: { kind: 'point' as const, lat: 45.44, lon: 4.39 },
    day,
    departMin: 0,
    returnByMin: 1440,
    vehicle: { vehicleKey: 'van_diesel_avg_defra', capacityKg: 500 },
  };
}
/** Pooled tours in the Loire (the owner's site is the depot) over the pickups agreed for `day`. */
const poolInput = (day: string) => ({
  territory: { kind: 'departement' as const, code: '42' },
  day,
  depotSiteId: siteId,
  departMin: 0,
  returnByMin: 1440,
  vehicle: { vehicleKey: 'van_diesel_avg_defra', capacityKg: 1000 },
});
/** A fresh pickup agreed by otherMember, pooled and proposed by the coordinator. */
async function newPooledTour(accepted = false): Promise<{ tourId: string; tradeId: string }> {
  const tour = await newTourInput();
  const proposed = await s.pooledTours.propose(actors.coordinator, poolInput(tour.day));
  const tradeId = tour.tradeIds[0]!;
  if (accepted) {
    await s.pooledTours.respond(actors.otherMember, { tourId: proposed.id!, tradeId, accept: true });
    await s.pooledTours.respond(actors.owner, { tourId: proposed.id!, tradeId, accept: true });
  }
  return { tourId: proposed.id!, tradeId };
}
const pooledParties: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'ok',
  owner: 'ok',
  coordinator: 'NOT_FOUND',
  admin: 'NOT_FOUND',
};
const pooledCoordinator: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'NOT_FOUND',
  owner: 'NOT_FOUND',
  coordinator: 'ok',
  admin: 'ok',
};
const buyerOfTradesOnly: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'ok',
  owner: 'NOT_FOUND',
  coordinator: 'NOT_FOUND',
  admin: 'NOT_FOUND',
};
const buyerOnly: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'ok',
  owner: 'FORBIDDEN',
  coordinator: 'FORBIDDEN',
  admin: 'FORBIDDEN',
};
const sellerOnly: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'FORBIDDEN',
  owner: 'ok',
  coordinator: 'FORBIDDEN',
  admin: 'FORBIDDEN',
};
const partiesAndAdmin: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'ok',
  owner: 'ok',
  coordinator: 'FORBIDDEN',
  admin: 'ok',
};

const all = (o: Outcome): Record<ActorName, Outcome> => ({
  anonymous: o,
  otherMember: o,
  owner: o,
  coordinator: o,
  admin: o,
});
const adminOnly: Record<ActorName, Outcome> = { ...all('FORBIDDEN'), anonymous: 'UNAUTHORIZED', admin: 'ok' };
const signedIn: Record<ActorName, Outcome> = { ...all('ok'), anonymous: 'UNAUTHORIZED' };
const ownerOrAdmin: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  otherMember: 'FORBIDDEN',
  owner: 'ok',
  coordinator: 'FORBIDDEN',
  admin: 'ok',
};

let factorVersions = 0;
const nextFactorVersion = () => `2099-01-matrix-v${++factorVersions}`;
const embeddedMaterialsCsv = () =>
  [
    MATERIAL_CSV_COLUMNS.join(','),
    ...EMBEDDED_MATERIAL_ROWS.map((r) =>
      MATERIAL_CSV_COLUMNS.map((c) => `"${r[c].replaceAll('"', '""')}"`).join(','),
    ),
  ].join('\n');

const matrix: Record<
  string,
  { input: (a: ActorName) => Promise<unknown>; expect: Record<ActorName, Outcome> }
> = {
  'account.me': { input: async () => undefined, expect: all('ok') },
  'account.updateProfile': { input: async () => ({ name: 'Nom' }), expect: signedIn },
  'account.setActiveSite': {
    input: async () => ({ siteId }),
    expect: {
      anonymous: 'UNAUTHORIZED',
      otherMember: 'FORBIDDEN',
      owner: 'ok',
      coordinator: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  'admin.setRoles': {
    input: async () => ({ email: (await createTestUser(s)).email, roles: ['designer'] }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHORIZED', admin: 'ok' },
  },
  'dev.outbox': { input: async () => ({}), expect: all('ok') },
  'geo.searchCommunes': { input: async () => ({ q: 'lyon' }), expect: all('ok') },
  'impact.dashboard': {
    input: async () => ({ from: '2026-01', to: '2026-12', siteId }),
    expect: { ...coordinatorOrAdmin, owner: 'ok' },
  },
  'impact.method': {
    input: async () => ({ from: '2026-01', to: '2026-12', siteId }),
    expect: { ...coordinatorOrAdmin, owner: 'ok' },
  },
  'impact.circuits': {
    input: async () => ({ from: '2026-01-01', to: '2026-12-31' }),
    expect: coordinatorOrAdmin,
  },
  'impact.circuitsCsv': {
    input: async () => ({ from: '2026-01-01', to: '2026-12-31' }),
    expect: coordinatorOrAdmin,
  },
  'impact.factors.list': { input: async () => undefined, expect: all('ok') },
  'impact.factors.get': { input: async () => ({ version: EMBEDDED_FACTOR_VERSION }), expect: all('ok') },
  'impact.factors.previewImport': {
    input: async () => ({ version: nextFactorVersion(), materialsCsv: embeddedMaterialsCsv() }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHORIZED', admin: 'ok' },
  },
  'impact.factors.confirmImport': {
    input: async () => {
      const input = { version: nextFactorVersion(), materialsCsv: embeddedMaterialsCsv() };
      const preview = await s.impact.registry.previewImport(actors.admin, input);
      if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
      return { ...input, reviewToken: preview.reviewToken };
    },
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHORIZED', admin: 'ok' },
  },
  'invitations.get': {
    input: async () => ({ token: (await newInvitationToken('guest@example.test')).token }),
    expect: all('ok'),
  },
  'invitations.accept': {
    input: async (a) => {
      const inviter = await createTestUser(s);
      const site = await s.sites.create(inviter, siteInput);
      return { token: (await newInvitationToken(emailOf(a), site.id, inviter)).token };
    },
    expect: signedIn,
  },
  'matching.forRequest': {
    input: async () => ({ requestId: await newRequest() }),
    expect: {
      anonymous: 'UNAUTHORIZED',
      otherMember: 'FORBIDDEN',
      owner: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
  },
  'matching.forLot': { input: async () => ({ lotId: await newLot() }), expect: ownerOrAdmin },
  'offers.create': {
    input: async () => ({ lotId: await newLot(), requestId: await newRequestBy('coordinator'), quantity: 1 }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHORIZED', owner: 'ok' },
  },
  'offers.accept': {
    input: async () => ({ id: await newOfferTo('coordinator') }),
    expect: offerRecipientOnly,
  },
  'offers.decline': {
    input: async () => ({ id: await newOfferTo('coordinator') }),
    expect: offerRecipientOnly,
  },
  'offers.listReceived': { input: async () => undefined, expect: signedIn },
  'offers.listForLot': { input: async () => ({ lotId: await newLot() }), expect: ownerOrAdmin },
  'savedSearches.create': {
    input: async () => ({
      name: 'Chêne',
      search: { point: { kind: 'commune', insee: '42218' }, radiusKm: 30 },
    }),
    expect: signedIn,
  },
  'savedSearches.list': { input: async () => undefined, expect: signedIn },
  'savedSearches.delete': {
    input: async () => ({
      id: (await s.savedSearches.create(actors.owner, { name: 'À moi', filters: {} })).id,
    }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHORIZED', owner: 'ok' },
  },
  'notifications.list': { input: async () => undefined, expect: signedIn },
  'notifications.markRead': { input: async () => ({ ids: 'all' }), expect: signedIn },
  'notifications.summary': { input: async () => undefined, expect: signedIn },
  'notifications.preferences': { input: async () => undefined, expect: signedIn },
  'notifications.setPreferences': {
    input: async () => ({ changes: [{ kind: 'trade_paid', mode: 'immediate' }] }),
    expect: signedIn,
  },
  // Signed out on purpose: the link in an e-mail; the signed token names the user it changes.
  'notifications.unsubscribe': {
    input: async () => ({
      token: new URL(s.notifications.unsubscribeUrl(extraMemberId, 'trade_paid')).searchParams.get('jeton'),
    }),
    expect: all('ok'),
  },
  'allocations.start': { input: async () => ({ regionCode: '93' }), expect: coordinatorOrAdmin },
  'allocations.retry': { input: async () => ({ runId: await failedRun() }), expect: coordinatorOrAdmin },
  'allocations.get': { input: async () => ({ runId: await failedRun() }), expect: coordinatorOrAdmin },
  'allocations.list': { input: async () => undefined, expect: coordinatorOrAdmin },
  'allocations.mine': { input: async () => undefined, expect: signedIn },
  'allocations.decide': {
    input: async () => ({ ...decidable, decision: 'accepted' }),
    expect: {
      anonymous: 'UNAUTHORIZED',
      otherMember: 'ok',
      owner: 'ok',
      coordinator: 'FORBIDDEN',
      admin: 'ok',
    },
  },
  'lots.search': {
    input: async () => ({ point: { kind: 'commune', insee: '42218' }, radiusKm: 50 }),
    expect: all('ok'),
  },
  'lots.get': { input: async () => ({ id: await newLot() }), expect: all('ok') },
  'lots.listForSite': { input: async () => ({ siteId }), expect: all('ok') },
  'lots.create': { input: async () => apiLot(), expect: ownerOrAdmin },
  'lots.update': {
    input: async () => ({ id: await newLot(), lot: { ...apiLot(), title: 'Modifié' } }),
    expect: ownerOrAdmin,
  },
  'lots.publish': { input: async () => ({ id: await newLot('withdrawn') }), expect: ownerOrAdmin },
  'lots.withdraw': { input: async () => ({ id: await newLot() }), expect: ownerOrAdmin },
  'requests.create': { input: async () => apiRequest(), expect: signedIn },
  'requests.listMine': { input: async () => undefined, expect: signedIn },
  'requests.listOpen': {
    input: async () => ({ point: { kind: 'commune', insee: '42218' } }),
    expect: signedIn,
  },
  'requests.get': { input: async () => ({ id: await newRequest() }), expect: signedIn },
  'requests.close': { input: async () => ({ id: await newRequest() }), expect: ownerOrAdmin },
  'payments.status': { input: async () => undefined, expect: all('ok') },
  'payments.onboard': { input: async () => ({ siteId }), expect: ownerOrAdmin },
  'payments.accountStatus': { input: async () => ({ siteId }), expect: ownerOrAdmin },
  'trades.request': {
    input: async () => ({ lotId: await newTradeLot(), quantity: 1 }),
    expect: { ...signedIn, owner: 'FORBIDDEN' },
  },
  'trades.get': { input: async () => ({ id: await newTrade() }), expect: partiesAndAdmin },
  'trades.timeline': { input: async () => ({ id: await newTrade() }), expect: partiesAndAdmin },
  'trades.payments': { input: async () => ({ id: await newTrade() }), expect: partiesAndAdmin },
  'trades.listMine': { input: async () => undefined, expect: signedIn },
  'trades.accept': { input: async () => ({ id: await newTrade() }), expect: sellerOnly },
  'trades.decline': { input: async () => ({ id: await newTrade() }), expect: sellerOnly },
  'trades.cancel': { input: async () => ({ id: await newTrade('accepted') }), expect: partiesAndAdmin },
  'trades.proposePickup': {
    input: async () => ({ id: await newTrade('accepted'), ...pickupSlot() }),
    expect: { ...partiesAndAdmin, admin: 'FORBIDDEN' },
  },
  'trades.agreePickup': {
    input: async () => ({ id: await newTrade('proposedBySeller') }),
    expect: buyerOnly,
  },
  'trades.handOver': {
    input: async () => ({ id: await newTrade('accepted'), measuredKg: 1.2 }),
    expect: sellerOnly,
  },
  'tours.plan': { input: newTourInput, expect: buyerOfTradesOnly },
  'sourcing.plan': {
    input: async () => ({
      point: { kind: 'commune', insee: '42218' },
      radiusKm: 30,
      lines: [{ id: 'planches', material: 'oak', quantity: 2, unit: 'piece' }],
    }),
    expect: signedIn,
  },
  // Like a trade request: the owner cannot put their own site's lot in a basket.
  'sourcing.createBasket': {
    input: async () => ({
      key: crypto.randomUUID(),
      title: 'Panier',
      picks: [{ lineId: 'planches', lotId: await newTradeLot(), quantity: 1 }],
    }),
    expect: { ...signedIn, owner: 'FORBIDDEN' },
  },
  'sourcing.basket.get': {
    input: async () => {
      const basket = await s.baskets.create(actors.otherMember, {
        key: crypto.randomUUID(),
        title: 'Panier',
        picks: [{ lineId: 'planches', lotId: await newTradeLot(), quantity: 1 }],
      });
      return { id: basket.id };
    },
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHORIZED', otherMember: 'ok' },
  },
  'sourcing.basket.list': { input: async () => undefined, expect: signedIn },
  'pooledTours.plan': {
    input: async () => poolInput((await newTourInput()).day),
    expect: coordinatorOrAdmin,
  },
  'pooledTours.propose': {
    input: async () => poolInput((await newTourInput()).day),
    expect: coordinatorOrAdmin,
  },
  'pooledTours.get': { input: async () => ({ tourId: (await newPooledTour()).tourId }), expect: signedIn },
  'pooledTours.list': { input: async () => undefined, expect: signedIn },
  'pooledTours.respond': {
    input: async () => ({ ...(await newPooledTour()), accept: true }),
    expect: pooledParties,
  },
  'pooledTours.record': {
    input: async () => ({ tourId: (await newPooledTour(true)).tourId }),
    expect: pooledCoordinator,
  },
  'tours.recordTrip': { input: newTourInput, expect: buyerOfTradesOnly },
  'trades.confirmReceipt': { input: async () => ({ id: await newTrade('handedOver') }), expect: buyerOnly },
  'trades.openDispute': {
    input: async () => ({ id: await newTrade('handedOver'), reason: 'Abîmé' }),
    expect: buyerOnly,
  },
  'trades.resolveDispute': {
    input: async () => ({ id: await newTrade('disputed'), resolution: { kind: 'release' } }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHORIZED', admin: 'ok' },
  },
  'trades.checkoutUrl': { input: async () => ({ id: await newTrade('paymentPending') }), expect: buyerOnly },
  'trades.messages.list': { input: async () => ({ id: await newTrade() }), expect: partiesAndAdmin },
  'trades.messages.send': {
    input: async () => ({ id: await newTrade(), body: 'Bonjour' }),
    expect: partiesAndAdmin,
  },
  'sites.list': { input: async () => ({}), expect: all('ok') },
  'sites.get': { input: async () => ({ id: siteId }), expect: all('ok') },
  'sites.create': { input: async () => siteInput, expect: signedIn },
  'sites.update': { input: async () => ({ id: siteId, site: siteInput }), expect: ownerOrAdmin },
  'sites.verify': {
    input: async () => ({ id: await newPendingSite() }),
    expect: {
      anonymous: 'UNAUTHORIZED',
      otherMember: 'NOT_FOUND',
      owner: 'FORBIDDEN',
      coordinator: 'ok',
      admin: 'ok',
    },
  },
  'sites.members.list': {
    input: async () => ({ siteId }),
    expect: {
      anonymous: 'UNAUTHORIZED',
      otherMember: 'FORBIDDEN',
      owner: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
  },
  'sites.members.setRole': {
    input: async () => ({ siteId, userId: extraMemberId, role: 'member' }),
    expect: ownerOrAdmin,
  },
  'sites.invitations.list': { input: async () => ({ siteId }), expect: ownerOrAdmin },
  'sites.invitations.create': {
    input: async () => ({ siteId, email: `new-${Math.random().toString(36).slice(2)}@example.test` }),
    expect: ownerOrAdmin,
  },
  'sites.invitations.revoke': {
    input: async () => ({ invitationId: (await newInvitationToken('revoke@example.test')).id }),
    expect: ownerOrAdmin,
  },
  // The operator console: admins only, but the verification queue (coordinators too, in scope).
  'operations.audit.list': { input: async () => ({ kind: 'fee.set' }), expect: adminOnly },
  'operations.disputes.list': { input: async () => undefined, expect: adminOnly },
  'operations.disputes.resolve': {
    input: async () => ({ tradeId: await newTrade('disputed'), refundCents: 0, note: 'Rien à rembourser' }),
    expect: adminOnly,
  },
  'operations.money.list': { input: async () => undefined, expect: adminOnly },
  // No payout is owed in this fixture: an admin gets past authorization to the unknown id.
  'operations.money.retry': {
    input: async () => ({ effectId: '00000000-0000-4000-8000-000000000001' }),
    expect: { ...adminOnly, admin: 'NOT_FOUND' },
  },
  'operations.money.settle': {
    input: async () => ({ effectId: '00000000-0000-4000-8000-000000000001', note: 'Virement' }),
    expect: { ...adminOnly, admin: 'NOT_FOUND' },
  },
  'operations.verification.list': { input: async () => undefined, expect: coordinatorOrAdmin },
  'operations.verification.verify': {
    input: async () => ({ siteId: await newPendingSite(), note: '' }),
    expect: coordinatorOrAdmin,
  },
  'operations.verification.refuse': {
    input: async () => ({ siteId: await newPendingSite(), note: 'Pas une manufacture' }),
    expect: coordinatorOrAdmin,
  },
  'operations.verification.requestInfo': {
    input: async () => ({ siteId: await newPendingSite(), note: 'Une photo, svp' }),
    expect: coordinatorOrAdmin,
  },
  'operations.moderation.list': { input: async () => undefined, expect: adminOnly },
  'operations.moderation.hold': {
    input: async () => ({ subjectKind: 'lot', subjectId: await newLot(), reason: 'Trompeur' }),
    expect: adminOnly,
  },
  'operations.moderation.lift': {
    input: async () => {
      const hold = { subjectKind: 'lot' as const, subjectId: await newLot(), reason: 'Trompeur' };
      await s.operations.moderation.hold(actors.admin, hold);
      return { ...hold, reason: 'Corrigé' };
    },
    expect: adminOnly,
  },
  'operations.roles.list': { input: async () => undefined, expect: adminOnly },
  'operations.roles.set': {
    input: async () => ({ email: (await createTestUser(s)).email, roles: ['coordinator'], note: 'Loire' }),
    expect: adminOnly,
  },
  'operations.fee.get': { input: async () => undefined, expect: adminOnly },
  'operations.fee.set': { input: async () => ({ bps: 1000, note: 'Inchangé' }), expect: adminOnly },
  'operations.factors.confirm': {
    input: async () => {
      const input = { version: nextFactorVersion(), materialsCsv: embeddedMaterialsCsv() };
      const preview = await s.impact.registry.previewImport(actors.admin, input);
      if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
      return { ...input, reviewToken: preview.reviewToken };
    },
    expect: adminOnly,
  },
  'operations.reconciliation.run': { input: async () => undefined, expect: adminOnly },
};

beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  actors.anonymous = anonymous;
  actors.owner = await createTestUser(s);
  actors.otherMember = await createTestUser(s);
  actors.coordinator = await createTestUser(s, { roles: ['coordinator'] });
  actors.admin = await createTestUser(s, { roles: ['admin'] });
  siteId = (await s.sites.create(actors.owner, siteInput)).id;
  await s.sites.verify(actors.admin, siteId);
  await s.sites.create(actors.otherMember, { ...siteInput, name: 'Autre site' });
  const extra = await createTestUser(s);
  extraMemberId = extra.userId;
  const { token } = await newInvitationToken(extra.email);
  await s.memberships.accept(extra, token);
  await onboardTestSeller(s, actors.owner as UserActor, siteId);
  // A real proposed flow: the owner's lot, a request of the other member, a network allocation.
  const lot = await s.lots.create(actors.owner, {
    ...apiLot(),
    unit: 'kg',
    dimensions: {},
    priceCents: null,
    description: '',
    photoIds: [],
    publish: true,
  } as never);
  const request = await s.requests.create(actors.otherMember, {
    ...apiRequest(),
    unit: 'kg',
    description: '',
    acceptSubstitutes: true,
  } as never);
  const { runId } = await s.allocations.start(actors.admin, null);
  await s.allocations.settled(runId);
  const run = await s.allocations.get(actors.admin, runId);
  const flow = run.flows.find((f) => f.lotId === lot.id && f.requestId === request.id);
  if (!flow) throw new Error(`allocation did not propose the fixture flow: ${JSON.stringify(run.error)}`);
  decidable = { runId, lotId: lot.id, requestId: request.id };
});
afterAll(() => s.database.close());

const procedures = Object.keys(appRouter._def.procedures).sort();

it('has a row for every procedure of the router', () => {
  expect(Object.keys(matrix).sort()).toEqual(procedures);
});

describe.each(procedures)('%s', (path) => {
  it.each(actorNames)('as %s', async (actorName) => {
    const row = matrix[path];
    if (!row) throw new Error(`no authorization row for ${path}`);
    const caller = createCaller({ services: s, actor: actors[actorName] });
    const fn = path.split('.').reduce<any>((node, key) => node[key], caller) as (
      input: unknown,
    ) => Promise<unknown>;
    const expected = row.expect[actorName];
    const outcome = await fn(await row.input(actorName)).then(
      () => 'ok',
      (e: unknown) => (e instanceof TRPCError ? e.code : `unexpected: ${String(e)}`),
    );
    expect(outcome).toBe(expected);
  });
});

describe('allocation runs are scoped to the coordinator territory', () => {
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof TRPCError ? e.code : `unexpected: ${String(e)}`),
    );

  it('a region coordinator lists, reads, retries and starts only runs of its regions; admin sees all', async () => {
    // The fixture site is in Saint-Étienne (42, Auvergne-Rhône-Alpes, region 84).
    const inScope = (await s.allocations.start(actors.admin, '84')).runId;
    await s.allocations.settled(inScope);
    const outOfScope = await failedRun();
    const network = decidable.runId;
    const regional = createCaller({
      services: s,
      actor: await createTestUser(s, { roles: ['coordinator'], regions: ['84'] }),
    });

    const listed = await regional.allocations.list();
    expect(listed.map((r) => r.id)).toContain(inScope);
    expect(listed.every((r) => r.scope === 'region:84')).toBe(true);
    expect(await codeOf(regional.allocations.get({ runId: inScope }))).toBe('ok');
    expect(await codeOf(regional.allocations.get({ runId: outOfScope }))).toBe('NOT_FOUND');
    expect(await codeOf(regional.allocations.get({ runId: network }))).toBe('NOT_FOUND');
    expect(await codeOf(regional.allocations.retry({ runId: outOfScope }))).toBe('NOT_FOUND');
    expect(await codeOf(regional.allocations.start({ regionCode: '11' }))).toBe('FORBIDDEN');
    expect(await codeOf(regional.allocations.start({ regionCode: null }))).toBe('FORBIDDEN');

    const all = await createCaller({ services: s, actor: actors.admin }).allocations.list();
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([inScope, outOfScope, network]));
    expect(
      await codeOf(
        createCaller({ services: s, actor: actors.coordinator }).allocations.get({
          runId: outOfScope,
        }),
      ),
    ).toBe('ok');
  });

  it('a coordinator limited to départements gets no run (runs are per region or network-wide)', async () => {
    const departemental = createCaller({
      services: s,
      actor: await createTestUser(s, { roles: ['coordinator'], departements: ['42'] }),
    });
    expect(await departemental.allocations.list()).toEqual([]);
    expect(await codeOf(departemental.allocations.get({ runId: decidable.runId }))).toBe('NOT_FOUND');
    expect(await codeOf(departemental.allocations.start({ regionCode: null }))).toBe('FORBIDDEN');
  });
});
