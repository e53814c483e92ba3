import { mailOutboxRepository } from '@retaille/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';

/**
 * Real transitions, the real job wiring (inline queue: the job runs once the transition has
 * committed): nobody calls the handler by hand, and the notices arrive.
 */
let s: TestServices;
let seller: UserActor;
let buyer: UserActor;
let siteId: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  s = await createTestServices();
  seller = await createTestUser(s, { name: 'Atelier' });
  buyer = await createTestUser(s, { name: 'Designer' });
  siteId = (await createTestSite(s, seller)).id;
});
afterAll(async () => {
  await s.database.close();
});

const kinds = async (user: UserActor, tradeId: string) =>
  (await s.notifications.list(user, { limit: 50 })).items
    .filter((n) => n.tradeId === tradeId)
    .map((n) => n.kind)
    .sort();
const mails = async (user: UserActor, tradeId: string) =>
  (await mailOutboxRepository.listMail(s.database.db, { to: user.email, limit: 50 })).filter((m) =>
    m.text_body.includes(tradeId),
  );

it('each transition queues its notice with the change: request, acceptance, slot, handover', async () => {
  const lot = await s.lots.create(seller, lotInput(siteId));
  const trade = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
  expect(await kinds(seller, trade.id)).toEqual(['trade_requested']);
  expect((await mails(seller, trade.id)).map((m) => m.kind)).toEqual(['notice:trade_requested']);
  expect((await s.notifications.summary(seller)).tradesWaitingOnMe).toBe(1);

  await s.trades.accept(seller, trade.id);
  expect(await kinds(buyer, trade.id)).toEqual(['trade_accepted']);
  expect((await s.notifications.summary(seller)).tradesWaitingOnMe).toBe(0);

  const start = new Date(Date.now() + 24 * HOUR);
  await s.trades.proposePickup(seller, trade.id, { start, end: new Date(start.getTime() + HOUR) });
  expect(await kinds(buyer, trade.id)).toEqual(['pickup_proposed', 'trade_accepted']);
  expect((await mails(buyer, trade.id)).map((m) => m.kind)).toEqual(['notice:pickup_proposed']);
  expect((await s.notifications.summary(buyer)).tradesWaitingOnMe).toBe(1);

  await s.trades.agreePickup(buyer, trade.id);
  await s.trades.handOver(seller, trade.id, '4');
  expect(await kinds(seller, trade.id)).toEqual(['pickup_agreed', 'trade_requested']);
  expect(await kinds(buyer, trade.id)).toEqual(['pickup_proposed', 'trade_accepted', 'trade_handed_over']);

  // The history the timeline shows: who did what, with the weight.
  const timeline = await s.timeline.timeline(buyer, trade.id);
  expect(timeline.map((e) => [e.transition, e.actorRole, e.actorName])).toEqual([
    ['request', 'buyer', 'Designer'],
    ['accept', 'seller', 'Atelier'],
    ['propose_pickup', 'seller', 'Atelier'],
    ['agree_pickup', 'buyer', 'Designer'],
    ['hand_over', 'seller', 'Atelier'],
  ]);
  expect(timeline[0]!.quantity).toBe('1');
  expect(timeline[2]!.slot?.start).toBe(start.toISOString());
  expect(timeline[4]!.handoverKg).toBe('4');
  const stranger = await createTestUser(s);
  await expect(s.timeline.timeline(stranger, trade.id)).rejects.toMatchObject({ key: 'trade.notParty' });
  await expect(s.timeline.timeline(buyer, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
    key: 'trade.notFound',
  });
});
