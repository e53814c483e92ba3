import { isDomainError } from '@retaille/domain';
import { signStripePayload } from '@retaille/payments';
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
 * Regression tests for the hostile probe of issue 10: signed webhook events that are not the
 * shape we expect used to reach PostgreSQL (a non-uuid tradeId) or throw a 500; a second `t=` in
 * the signature header used to pass the freshness check. Each is a 400 key and writes nothing.
 */
let s: TestServices;
let tradeId: string;

beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  const seller = await createTestUser(s);
  const site = await createTestSite(s, seller);
  await onboardTestSeller(s, seller as UserActor, site.id);
  const lot = await s.lots.create(seller, lotInput(site.id, { priceCents: 250 }) as never);
  const buyer = await createTestUser(s);
  const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
  tradeId = (await s.trades.accept(seller, t.id)).id;
});
afterAll(() => s.database.close());

const now = () => Math.floor(Date.now() / 1000);
const session = (over: Record<string, unknown> = {}) => ({
  id: 'cs_test_probe',
  object: 'checkout.session',
  amount_total: 500,
  payment_intent: 'pi_probe',
  payment_status: 'paid',
  client_reference_id: tradeId,
  metadata: { tradeId },
  ...over,
});
const event = (over: Record<string, unknown> = {}, object: unknown = session()) =>
  JSON.stringify({
    id: `evt_probe_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: now(),
    livemode: false,
    data: { object },
    ...over,
  });

async function outcome(body: string, header?: string): Promise<string> {
  try {
    const r = await s.trades.handleStripeWebhook(
      body,
      header ?? signStripePayload(body, s.emulator!.webhookSecret, now()),
    );
    return r.outcome;
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `500: ${String(e)}`;
  }
}

async function snapshot() {
  const events = await s.database.db.selectFrom('processed_stripe_event').select('event_id').execute();
  const trade = await s.database.db
    .selectFrom('trade')
    .select(['state', 'paid_cents', 'payment_intent_id', 'version'])
    .where('id', '=', tradeId)
    .executeTakeFirstOrThrow();
  return { events: events.length, trade };
}

describe('malformed but signed webhook events: 400 with a key, nothing written', () => {
  it.each<[string, string]>([
    ['metadata.tradeId not a uuid', event({}, session({ metadata: { tradeId: 'not-a-uuid' } }))],
    ['metadata.tradeId with SQL in it', event({}, session({ metadata: { tradeId: "1' or '1'='1" } }))],
    ['a known type with the wrong shape', event({}, session({ amount_total: '500' }))],
    ['a known type whose object is not an object', event({}, 'checkout')],
    ['an event id without evt_', event({ id: 'xyz_1' })],
    ['an event id with a NUL byte', event({ id: 'evt_\u0000' })],
    ['an event type with a NUL byte', event({ type: 'checkout.session.completed\u0000' })],
    ['no envelope at all', JSON.stringify({ hello: 'world' })],
  ])('%s', async (_name, body) => {
    const before = await snapshot();
    expect(await outcome(body)).toBe('VALIDATION payments.webhookPayload');
    expect(await snapshot()).toEqual(before);
  });

  it('a fresh t= in front of a day-old signature is refused (signature check on one timestamp only)', async () => {
    const body = event();
    const old = signStripePayload(body, s.emulator!.webhookSecret, now() - 86_400);
    const before = await snapshot();
    expect(await outcome(body, `t=${now()},${old}`)).toBe('VALIDATION payments.webhookSignature');
    expect(await outcome(body, old)).toBe('VALIDATION payments.webhookSignature');
    expect(await snapshot()).toEqual(before);
  });

  it('the well-formed event still marks the trade paid', async () => {
    expect(await outcome(event())).toBe('processed');
    expect((await snapshot()).trade).toMatchObject({ state: 'paid', paid_cents: 500 });
  });
});
