import { paymentAccountRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  onboardTestSeller,
  type TestServices,
} from '../testing/test-services.ts';

/** Issue 12, item 2: a priced lot needs a payment path before it can be published or requested. */
let s: TestServices;
let buyer: UserActor;

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
async function newSeller() {
  const actor = await createTestUser(s);
  return { actor, siteId: (await createTestSite(s, actor)).id };
}

beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  buyer = await createTestUser(s);
});
afterAll(() => s.database.close());

describe('publishing a priced lot', () => {
  it('is refused while the site has no payment account, with the site to onboard; free and drafts pass', async () => {
    const { actor, siteId } = await newSeller();
    const e = await rejection(s.lots.create(actor, lotInput(siteId, { priceCents: 500 })));
    expect(e).toMatchObject({ code: 'CONFLICT', key: 'lot.paymentAccountRequired', details: { siteId } });

    const draft = await s.lots.create(actor, lotInput(siteId, { priceCents: 500, publish: false }));
    expect(draft.status).toBe('draft');
    expect((await rejection(s.lots.setStatus(actor, draft.id, 'publish'))).key).toBe(
      'lot.paymentAccountRequired',
    );
    // « Publier gratuitement »: the same lot without its price.
    const free = await s.lots.update(actor, draft.id, lotInput(siteId, { priceCents: null, publish: true }));
    expect(free).toMatchObject({ status: 'published', priceCents: null, paymentPending: false });
    // Pricing a published free lot is publishing a priced lot too.
    const repriced = await rejection(s.lots.update(actor, draft.id, lotInput(siteId, { priceCents: 300 })));
    expect(repriced.key).toBe('lot.paymentAccountRequired');
  });

  it('is refused while onboarding is unfinished, and passes once Stripe says transfers are active', async () => {
    const { actor, siteId } = await newSeller();
    await s.payments.onboard(actor, siteId);
    expect((await rejection(s.lots.create(actor, lotInput(siteId, { priceCents: 500 })))).key).toBe(
      'lot.paymentAccountRequired',
    );
    const account = await paymentAccountRepository.findSellerAccount(s.database.db, siteId);
    // Finished on Stripe's side; no webhook reached us: the check asks Stripe and stores the answer.
    await s.emulator!.completeOnboarding(account!.stripe_account_id);
    const lot = await s.lots.create(actor, lotInput(siteId, { priceCents: 500 }));
    expect(lot).toMatchObject({ status: 'published', paymentPending: false });
    expect((await paymentAccountRepository.findSellerAccount(s.database.db, siteId))!.transfers_active).toBe(
      true,
    );
  });
});

describe('a priced lot published before its site could be paid', () => {
  it('shows the pending payment to everyone, cannot be requested until onboarding, then can', async () => {
    const { actor, siteId } = await newSeller();
    // The demo seed's case: lots published before the rule.
    const lot = await s.lots.create(actor, lotInput(siteId, { priceCents: 400 }), {
      allowPaymentPending: true,
    });
    expect((await s.lots.get(buyer, lot.id)).paymentPending).toBe(true);
    expect((await s.lots.get(anonymous, lot.id)).paymentPending).toBe(true);
    const found = await s.lots.search(buyer, { siteId, sort: 'newest', limit: 10 });
    expect(found.items.find((l) => l.id === lot.id)?.paymentPending).toBe(true);
    expect((await s.lots.listForSite(buyer, siteId)).items[0]?.paymentPending).toBe(true);

    const refused = await rejection(s.trades.request(buyer, { lotId: lot.id, quantity: 1 }));
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      key: 'trade.sellerPaymentPending',
      details: { siteId },
    });
    // Free lots of the same site stay requestable.
    const free = await s.lots.create(actor, lotInput(siteId, { priceCents: null }));
    expect((await s.trades.request(buyer, { lotId: free.id, quantity: 1 })).state).toBe('requested');

    await onboardTestSeller(s, actor, siteId);
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
    expect(t).toMatchObject({ state: 'requested', isPaid: true });
    expect((await s.lots.get(buyer, lot.id)).paymentPending).toBe(false);
    expect((await s.trades.accept(actor, t.id)).state).toBe('payment_pending');
  });

  it('refuses the seller’s acceptance with payments.sellerNotOnboarded when Stripe no longer allows transfers', async () => {
    const { actor, siteId } = await newSeller();
    await s.payments.onboard(actor, siteId);
    const account = await paymentAccountRepository.findSellerAccount(s.database.db, siteId);
    // Stored as active (stale): published and requested, but Stripe says no at acceptance.
    await paymentAccountRepository.updateSellerAccountFlags(
      s.database.db,
      account!.stripe_account_id,
      { chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, transfersActive: true },
      new Date(),
    );
    const lot = await s.lots.create(actor, lotInput(siteId, { priceCents: 500 }));
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
    const e = await rejection(s.trades.accept(actor, t.id));
    expect(e).toMatchObject({ code: 'CONFLICT', key: 'payments.sellerNotOnboarded' });
    // The refusal refreshed the stored flag: buyers now see the pending payment.
    expect((await s.lots.get(buyer, lot.id)).paymentPending).toBe(true);
    expect((await rejection(s.trades.request(buyer, { lotId: lot.id, quantity: 1 }))).key).toBe(
      'trade.sellerPaymentPending',
    );
  });
});
