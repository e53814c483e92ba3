import { mailOutboxRepository, paymentAccountRepository, tradeRepository } from '@retaille/db';
import { operationsPlants } from '@retaille/db/testing';
import { AUTOMATIC_PAYMENT_ATTEMPTS, DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  onboardTestSeller,
  type TestServices,
} from '../testing/test-services.ts';

/**
 * The operator console's actions against a real database and the Stripe emulator: each one is
 * refused with the field named when it must be (nothing moved), and written to the audit log
 * when it goes through.
 */
let s: TestServices;
let admin: UserActor;
const warnings: Record<string, unknown>[] = [];

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
const fieldOf = (e: DomainError) => (e.details.fields as { path: string }[] | undefined)?.[0]?.path;

beforeAll(async () => {
  s = await createTestServices({ STRIPE_WEBHOOK_SECRET: 'whsec_operations_test' }, { payments: true });
  admin = await createTestUser(s, { roles: ['admin'] });
});
afterAll(() => s.database.close());

/** A seller with an onboarded site, a buyer, and a priced lot (2 pieces at 5 €). */
async function market() {
  const seller = await createTestUser(s);
  const buyer = await createTestUser(s);
  const site = await createTestSite(s, seller);
  const accountId = await onboardTestSeller(s, seller, site.id);
  const lot = await s.lots.create(seller, lotInput(site.id, { priceCents: 500 }));
  return { seller, buyer, site, lot, accountId };
}

/** Requests, accepts and pays (through the emulator's checkout and a signed webhook). */
async function paidTrade(m: Awaited<ReturnType<typeof market>>): Promise<string> {
  const t = await s.trades.request(m.buyer, { lotId: m.lot.id, quantity: 2 });
  await s.trades.accept(m.seller, t.id);
  await s.trades.checkoutUrl(m.buyer, t.id);
  const sessionId = (await tradeRepository.findTrade(s.database.db, t.id))!.checkout_session_id!;
  await s.emulator!.payCheckoutSession(sessionId, 'acheteur@example.test');
  const event = s.emulator!.events.findLast((e) => e.type === 'checkout.session.completed')!;
  const payload = s.emulator!.payloadOf(event.id);
  await s.trades.handleStripeWebhook(payload, s.emulator!.signatureHeader(payload));
  expect(await s.trades.get(m.buyer, t.id)).toMatchObject({ state: 'paid', paidCents: 1000 });
  return t.id;
}

async function disputedTrade() {
  const m = await market();
  const id = await paidTrade(m);
  await s.trades.handOver(m.seller, id, '3');
  await s.trades.sendMessage(m.buyer, id, 'Deux planches fendues');
  await s.trades.openDispute(m.buyer, id, 'Planches fendues');
  return { ...m, id };
}

const audit = (kind: string) => s.operations.audit.list(admin, { kind: kind as never });

describe('audit log', () => {
  it('records who did what, with the note (append-only: see audit-log.repository.int.test.ts)', async () => {
    await s.operations.fee.set(admin, { bps: 900, note: 'Essai' });
    expect((await audit('fee.set'))[0]).toMatchObject({ note: 'Essai', actorUserId: admin.userId });
  });

  it('filters by actor, kind and dates; only admins read it', async () => {
    const other = await createTestUser(s, { roles: ['admin'] });
    await s.operations.fee.set(other, { bps: 800, note: 'Par un autre' });
    const mine = await s.operations.audit.list(admin, { actorUserId: other.userId });
    expect(mine.map((e) => e.note)).toEqual(['Par un autre']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await s.operations.audit.list(admin, { from: today, to: today })).length).toBeGreaterThan(0);
    expect(await s.operations.audit.list(admin, { from: '2030-01-01' })).toEqual([]);
    const coordinator = await createTestUser(s, { roles: ['coordinator'] });
    expect((await rejection(s.operations.audit.list(coordinator, {}))).code).toBe('FORBIDDEN');
  });
});

describe('disputes', () => {
  it('lists an open dispute with its timeline, messages and amounts; refuses a refund above what was paid', async () => {
    const d = await disputedTrade();
    const open = (await s.operations.disputes.list(admin)).find((x) => x.trade.id === d.id)!;
    expect(open.refundableCents).toBe(1000);
    expect(open.trade.dispute?.reason).toBe('Planches fendues');
    expect(open.timeline.map((e) => e.transition)).toEqual(
      expect.arrayContaining(['request', 'accept', 'mark_paid', 'hand_over', 'open_dispute']),
    );
    expect(open.messages.map((m) => m.body)).toContain('Deux planches fendues');

    const e = await rejection(
      s.operations.disputes.resolve(admin, { tradeId: d.id, refundCents: 1001, note: 'x' }),
    );
    expect([e.code, e.key, fieldOf(e)]).toEqual([
      'VALIDATION',
      'operations.refundExceedsPaid',
      'refundCents',
    ]);
    const row = await tradeRepository.findTrade(s.database.db, d.id);
    expect(row).toMatchObject({ state: 'disputed', refunded_cents: 0 });
    expect(await tradeRepository.listPaymentEffects(s.database.db, d.id)).toEqual([]);
  });

  it('resolves with a partial refund, pays the seller the rest less the fee, once; a second resolution is refused', async () => {
    const d = await disputedTrade();
    const resolved = await s.operations.disputes.resolve(admin, {
      tradeId: d.id,
      refundCents: 400,
      note: 'Moitié abîmée',
    });
    expect(resolved).toMatchObject({ state: 'resolved', refundedCents: 400 });
    const effects = await tradeRepository.listPaymentEffects(s.database.db, d.id);
    expect(effects.map((x) => [x.kind, x.status])).toEqual([
      ['refund', 'done'],
      ['transfer', 'done'],
    ]);
    const again = await rejection(
      s.operations.disputes.resolve(admin, { tradeId: d.id, refundCents: 0, note: 'x' }),
    );
    expect([again.code, again.key, fieldOf(again)]).toEqual([
      'CONFLICT',
      'operations.disputeNotOpen',
      'tradeId',
    ]);
    expect((await audit('dispute.resolve')).find((a) => a.subjectId === d.id)).toMatchObject({
      note: 'Moitié abîmée',
      details: { resolution: 'refund_partial', refundCents: 400 },
    });
  });

  it('two resolutions at once: one goes through, the other moves nothing', async () => {
    const d = await disputedTrade();
    const results = await Promise.allSettled([
      s.operations.disputes.resolve(admin, { tradeId: d.id, refundCents: 1000, note: 'a' }),
      s.operations.disputes.resolve(admin, { tradeId: d.id, refundCents: 0, note: 'b' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refunds = (await tradeRepository.listPaymentEffects(s.database.db, d.id)).filter(
      (x) => x.kind === 'refund',
    );
    expect(refunds.length).toBeLessThanOrEqual(1);
  });
});

describe('money owed', () => {
  it('a payout that keeps failing is warned once after the last retry, listed, retried by an operator, then refused', async () => {
    const m = await market();
    const id = await paidTrade(m);
    await s.trades.handOver(m.seller, id, '3');
    // The seller's connected account is gone at Stripe: every transfer attempt fails definitively.
    await operationsPlants.plantSellerAccountId(
      s.database.db,
      m.site.id,
      `acct_gone_${m.site.id.slice(0, 8)}`,
    );
    await s.trades.confirmReceipt(m.buyer, id);
    await s.trades.runPaymentEffects(id);
    // The parties see where their money stands, without the provider's raw error.
    const sellerView = async () => (await s.timeline.payments(m.seller, id)).map((x) => [x.kind, x.status]);
    expect(await sellerView()).toEqual([['transfer', 'retrying']]);
    for (let i = 1; i < AUTOMATIC_PAYMENT_ATTEMPTS + 2; i++) await s.trades.runPaymentEffects(id);
    expect(await sellerView()).toEqual([['transfer', 'operator']]);
    expect((await s.timeline.payments(m.buyer, id)).map((x) => x.status)).toEqual(['operator']);
    const stranger = await createTestUser(s);
    expect((await rejection(s.timeline.payments(stranger, id))).key).toBe('trade.notParty');
    const owed = (await s.operations.moneyOwed.list(admin)).find((x) => x.tradeId === id)!;
    const payout = (await s.trades.get(admin, id)).final!.sellerPayoutCents;
    expect(payout).toBeGreaterThan(0);
    expect(owed).toMatchObject({ kind: 'transfer', status: 'failed', exhausted: true, amountCents: payout });

    const admins = await mailOutboxRepository.listMail(s.database.db, { to: admin.email, limit: 20 });
    const before = admins.filter((x) => x.kind === 'payment-gave-up').length;
    warnings.length = 0;
    const log = { warn: (data: Record<string, unknown>) => warnings.push(data) };
    (s.operations.moneyOwed as unknown as { deps: { log: unknown } }).deps.log = log;
    expect(await s.operations.moneyOwed.reportExhausted()).toBeGreaterThanOrEqual(1);
    expect(warnings.some((w) => w.tradeId === id && w.kind === 'transfer')).toBe(true);
    expect(await s.operations.moneyOwed.reportExhausted()).toBe(0);
    const after = await mailOutboxRepository.listMail(s.database.db, { to: admin.email, limit: 20 });
    expect(after.filter((x) => x.kind === 'payment-gave-up').length).toBe(before + 1);

    // Still broken: the retry runs and fails again, reported back.
    expect(await s.operations.moneyOwed.retry(admin, owed.effectId)).toMatchObject({ status: 'failed' });
    await operationsPlants.plantSellerAccountId(s.database.db, m.site.id, m.accountId);
    expect(await s.operations.moneyOwed.retry(admin, owed.effectId)).toMatchObject({
      status: 'done',
      lastError: null,
    });
    expect(await sellerView()).toEqual([['transfer', 'done']]);
    const row = await tradeRepository.findTrade(s.database.db, id);
    expect(s.emulator!.find(row!.transfer_id!)).toMatchObject({ amount: payout, destination: m.accountId });

    const again = await rejection(s.operations.moneyOwed.retry(admin, owed.effectId));
    expect([again.code, again.key, fieldOf(again)]).toEqual([
      'CONFLICT',
      'operations.paymentAlreadyDone',
      'effectId',
    ]);
    expect((await s.operations.moneyOwed.list(admin)).some((x) => x.effectId === owed.effectId)).toBe(false);
    expect((await audit('payment.retry')).filter((a) => a.details.effectId === owed.effectId)).toHaveLength(
      2,
    );
  });

  it('a payout still failing a day after it was due is warned once, even before the automatic retries run out', async () => {
    const m = await market();
    const id = await paidTrade(m);
    await s.trades.handOver(m.seller, id, '3');
    await operationsPlants.plantSellerAccountId(
      s.database.db,
      m.site.id,
      `acct_gone_${m.site.id.slice(0, 8)}`,
    );
    await s.trades.confirmReceipt(m.buyer, id);
    await s.trades.runPaymentEffects(id);
    const owed = (await s.operations.moneyOwed.list(admin)).find((x) => x.tradeId === id)!;
    expect(owed).toMatchObject({ kind: 'transfer', status: 'failed', exhausted: false });
    warnings.length = 0;
    (s.operations.moneyOwed as unknown as { deps: { log: unknown } }).deps.log = {
      warn: (data: Record<string, unknown>) => warnings.push(data),
    };
    // Failing for less than a day, with retries left: nobody is bothered yet.
    await s.operations.moneyOwed.reportExhausted();
    expect(warnings.some((w) => w.effectId === owed.effectId)).toBe(false);
    // The same failure, due a day and an hour ago.
    await s.database.db
      .updateTable('trade_payment_effect')
      .set({ created_at: new Date(Date.now() - 25 * 3600 * 1000) })
      .where('id', '=', owed.effectId)
      .execute();
    expect(await s.operations.moneyOwed.reportExhausted()).toBeGreaterThanOrEqual(1);
    expect(warnings.filter((w) => w.effectId === owed.effectId)).toHaveLength(1);
    await s.operations.moneyOwed.reportExhausted();
    expect(warnings.filter((w) => w.effectId === owed.effectId)).toHaveLength(1);
  });

  it('marks a payout settled off platform with a note: no more retries, and reconciliation counts it', async () => {
    const m = await market();
    const id = await paidTrade(m);
    await s.trades.handOver(m.seller, id, '3');
    await paymentAccountRepository.findSellerAccount(s.database.db, m.site.id);
    await operationsPlants.plantSellerAccountId(
      s.database.db,
      m.site.id,
      `acct_gone_${m.site.id.slice(0, 8)}`,
    );
    await s.trades.confirmReceipt(m.buyer, id);
    const owed = (await s.operations.moneyOwed.list(admin)).find((x) => x.tradeId === id)!;
    const noNote = await rejection(
      s.operations.moneyOwed.settleOffPlatform(admin, { effectId: owed.effectId, note: '' }),
    );
    expect([noNote.code, fieldOf(noNote)]).toEqual(['VALIDATION', 'note']);
    await s.operations.moneyOwed.settleOffPlatform(admin, {
      effectId: owed.effectId,
      note: 'Virement bancaire du 4/12',
    });
    await s.trades.runPaymentEffects(id);
    const effect = (await tradeRepository.listPaymentEffects(s.database.db, id)).find(
      (x) => x.id === owed.effectId,
    );
    expect(effect).toMatchObject({ status: 'settled_off_platform' });
    const report = await s.operations.reconciliation.run();
    expect(report.differences.filter((d) => d.tradeId === id && d.kind === 'payout_missing')).toEqual([]);
    await operationsPlants.plantSellerAccountId(s.database.db, m.site.id, m.accountId);
  });

  it('refuses a retry by a non-operator and an unknown effect', async () => {
    const coordinator = await createTestUser(s, { roles: ['coordinator'] });
    expect((await rejection(s.operations.moneyOwed.list(coordinator))).code).toBe('FORBIDDEN');
    const e = await rejection(s.operations.moneyOwed.retry(admin, '00000000-0000-4000-8000-000000000000'));
    expect([e.code, fieldOf(e)]).toEqual(['NOT_FOUND', 'effectId']);
  });
});

describe('verification', () => {
  it('shows the applicant; refuses and asks for information by e-mail; verifies and tells the workshop', async () => {
    const owner = await createTestUser(s, { name: 'Camille Artisane' });
    const site = await s.sites.create(owner, {
      name: 'Atelier à vérifier',
      description: '',
      address: '3 rue des Tanneurs',
      postalCode: '69001',
      sectors: ['bois'],
      territoryType: 'metropolis',
      contactPhone: '04 72 00 00 00',
    } as never);
    const item = (await s.operations.verification.queue(admin)).find((x) => x.siteId === site.id)!;
    expect(item).toMatchObject({
      applicant: { name: 'Camille Artisane', email: owner.email },
      contactPhone: '04 72 00 00 00',
      lastReview: null,
    });
    await s.operations.verification.requestInformation(admin, site.id, 'Une photo de l’atelier, svp');
    await s.operations.verification.refuse(admin, site.id, 'Pas une manufacture');
    const mails = await mailOutboxRepository.listMail(s.database.db, { to: owner.email, limit: 10 });
    expect(mails.map((x) => x.kind)).toEqual(expect.arrayContaining(['site-info-requested', 'site-refused']));
    expect(mails.find((x) => x.kind === 'site-refused')!.text_body).toContain('Pas une manufacture');
    expect(
      (await s.operations.verification.queue(admin)).find((x) => x.siteId === site.id)!.lastReview,
    ).toMatchObject({
      decision: 'refused',
    });
    await s.operations.verification.verify(admin, site.id, '');
    const verified = await mailOutboxRepository.listMail(s.database.db, { to: owner.email, limit: 10 });
    expect(verified.map((x) => x.kind)).toContain('site-verified');
    const e = await rejection(s.operations.verification.refuse(admin, site.id, 'Trop tard'));
    expect([e.code, e.key, fieldOf(e)]).toEqual(['CONFLICT', 'operations.siteAlreadyVerified', 'siteId']);
    expect((await audit('site.refuse')).filter((a) => a.subjectId === site.id)).toHaveLength(1);
  });

  it('a coordinator sees and acts on sites of their scope only', async () => {
    const owner = await createTestUser(s);
    const lyon = await createTestSite(s, owner, { verified: false, postalCode: '69001' });
    const coordinator = await createTestUser(s, { roles: ['coordinator'], departements: ['42'] });
    expect((await s.operations.verification.queue(coordinator)).some((x) => x.siteId === lyon.id)).toBe(
      false,
    );
    expect((await rejection(s.operations.verification.refuse(coordinator, lyon.id, 'Non'))).code).toBe(
      'NOT_FOUND',
    );
    const plain = await createTestUser(s);
    expect((await rejection(s.operations.verification.queue(plain))).code).toBe('FORBIDDEN');
  });
});

describe('moderation', () => {
  it('a hidden lot leaves search until lifted; a suspended site too; nobody moderates their own account', async () => {
    const m = await market();
    const search = async () =>
      (await s.lots.search(m.buyer, { q: 'chêne', sort: 'newest', limit: 100 } as never)).items.map(
        (l) => l.id,
      );
    expect(await search()).toContain(m.lot.id);
    await s.operations.moderation.hold(admin, {
      subjectKind: 'lot',
      subjectId: m.lot.id,
      reason: 'Annonce trompeuse',
    });
    expect(await search()).not.toContain(m.lot.id);
    const twice = await rejection(
      s.operations.moderation.hold(admin, { subjectKind: 'lot', subjectId: m.lot.id, reason: 'Encore' }),
    );
    expect([twice.code, fieldOf(twice)]).toEqual(['CONFLICT', 'subjectId']);
    await s.operations.moderation.lift(admin, {
      subjectKind: 'lot',
      subjectId: m.lot.id,
      reason: 'Corrigée',
    });
    expect(await search()).toContain(m.lot.id);

    await s.operations.moderation.hold(admin, {
      subjectKind: 'site',
      subjectId: m.site.id,
      reason: 'Fraude',
    });
    expect(await search()).not.toContain(m.lot.id);
    expect((await s.operations.moderation.list(admin)).find((h) => h.subjectId === m.site.id)).toMatchObject({
      subjectKind: 'site',
      subjectLabel: m.site.name,
      reason: 'Fraude',
    });
    const blocked = await rejection(s.trades.request(m.buyer, { lotId: m.lot.id, quantity: 1 }));
    expect([blocked.code, blocked.key]).toEqual(['CONFLICT', 'moderation.siteSuspended']);
    await s.operations.moderation.lift(admin, { subjectKind: 'site', subjectId: m.site.id, reason: 'Levée' });

    // A suspended buyer can neither request nor be accepted.
    const pending = await s.trades.request(m.buyer, { lotId: m.lot.id, quantity: 1 });
    await s.operations.moderation.hold(admin, {
      subjectKind: 'account',
      subjectId: m.buyer.userId,
      reason: 'Impayés',
    });
    expect((await rejection(s.trades.request(m.buyer, { lotId: m.lot.id, quantity: 1 }))).key).toBe(
      'moderation.accountSuspended',
    );
    expect((await rejection(s.trades.accept(m.seller, pending.id))).key).toBe('moderation.accountSuspended');
    await s.operations.moderation.lift(admin, {
      subjectKind: 'account',
      subjectId: m.buyer.userId,
      reason: 'Réglé',
    });
    expect((await s.trades.accept(m.seller, pending.id)).state).toBe('payment_pending');

    const self = await rejection(
      s.operations.moderation.hold(admin, { subjectKind: 'account', subjectId: admin.userId, reason: 'Moi' }),
    );
    expect([self.code, self.key, fieldOf(self)]).toEqual([
      'VALIDATION',
      'operations.cannotModerateSelf',
      'subjectId',
    ]);
    const missing = await rejection(
      s.operations.moderation.hold(admin, { subjectKind: 'lot', subjectId: 'pas-un-id', reason: 'x' }),
    );
    expect([missing.code, fieldOf(missing)]).toEqual(['NOT_FOUND', 'subjectId']);
    expect(
      (await audit('moderation.hold')).filter((a) => [m.lot.id, m.site.id].includes(a.subjectId)),
    ).toHaveLength(2);
  });
});

describe('roles and fee', () => {
  it('grants and revokes coordinator, audited with the before and after', async () => {
    const user = await createTestUser(s);
    await s.operations.roles.set(admin, {
      email: user.email,
      roles: ['coordinator'],
      departements: ['42'],
      regions: [],
      note: 'Loire',
    });
    expect((await s.operations.roles.list(admin)).find((r) => r.userId === user.userId)).toMatchObject({
      roles: ['coordinator'],
      departements: ['42'],
    });
    await s.operations.roles.set(admin, {
      email: user.email,
      roles: [],
      departements: [],
      regions: [],
      note: 'Fin',
    });
    expect((await s.operations.roles.list(admin)).some((r) => r.userId === user.userId)).toBe(false);
    const entries = (await audit('roles.set')).filter((a) => a.subjectId === user.userId);
    expect(entries.map((a) => a.details.to)).toEqual([[], ['coordinator']]);
  });

  it('a new fee prices the trades requested after it; out of range is refused with the field', async () => {
    await s.operations.fee.set(admin, { bps: 1500, note: 'Nouvelle grille' });
    const m = await market();
    const t = await s.trades.request(m.buyer, { lotId: m.lot.id, quantity: 2 });
    expect(t.price).toMatchObject({ platformFeeBps: 1500, platformFeeCents: 150 });
    const e = await rejection(s.operations.fee.set(admin, { bps: 3001, note: 'x' }));
    expect([e.key, fieldOf(e)]).toEqual(['operations.feeOutOfRange', 'bps']);
    expect((await s.operations.fee.get(admin)).bps).toBe(1500);
    await s.operations.fee.set(admin, { bps: 1000, note: 'Retour' });
  });
});
