import { DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  allowPricedLots,
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';

/** Stripe charges at least 0,50 €: a paid trade below it is refused when it is priced, not at payment. */
let s: TestServices;
let seller: UserActor;
let buyer: UserActor;
let siteId: string;

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

beforeAll(async () => {
  s = await createTestServices();
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  siteId = (await createTestSite(s, seller)).id;
  await allowPricedLots(s, siteId);
});
afterAll(async () => {
  await s.database.close();
});

describe('minimum charge', () => {
  it('refuses a lot whose whole quantity is worth less than 0,50 €, on create and on update', async () => {
    const tooCheap = await rejection(
      s.lots.create(seller, lotInput(siteId, { quantity: 1, priceCents: 49 })),
    );
    expect(tooCheap.code).toBe('VALIDATION');
    expect(tooCheap.details.fields).toContainEqual({ path: 'priceCents', key: 'pricing.belowMinimumCharge' });

    const lot = await s.lots.create(seller, lotInput(siteId, { quantity: 10, priceCents: 5 }));
    const update = await rejection(
      s.lots.update(seller, lot.id, lotInput(siteId, { quantity: 1, priceCents: 30 })),
    );
    expect(update.details.fields).toContainEqual({ path: 'priceCents', key: 'pricing.belowMinimumCharge' });
    // Free stays free.
    await s.lots.update(seller, lot.id, lotInput(siteId, { quantity: 1, priceCents: null }));
  });

  it('refuses a paid trade below 0,50 € when it is requested; 0,50 € passes', async () => {
    const lot = await s.lots.create(seller, lotInput(siteId, { quantity: 10, priceCents: 10 }));
    const small = await rejection(s.trades.request(buyer, { lotId: lot.id, quantity: 4 }));
    expect(small.key).toBe('pricing.belowMinimumCharge');
    expect(small.details).toMatchObject({ totalCents: 40 });
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 5 });
    expect(t.price).toMatchObject({ totalCents: 50 });
  });
});
