import { loadConfig } from '@retaille/config';
import { type DatabaseHandle, lotRepository } from '@retaille/db';
import { createTestDatabase } from '@retaille/db/testing';
import { type Payments, startPayments } from '@retaille/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import { createServices, type Services } from '../services.ts';
import { createTestSite, createTestUser, lotInput, onboardTestSeller } from '../testing/test-services.ts';

/**
 * Counts the statements that read the `trade` table (SELECT … FROM trade, with or without FOR
 * UPDATE), through a Kysely plugin on the services' handle: a paid accept reads the row once.
 */
type KyselyPlugin = Parameters<DatabaseHandle['db']['withPlugin']>[0];

class TradeReadCounter implements KyselyPlugin {
  reads = 0;
  statements = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.statements++;
    const node = args.node as {
      kind: string;
      from?: { froms: { kind: string; table?: { identifier: { name: string } } }[] };
    };
    if (node.kind === 'SelectQueryNode') {
      const tables = (node.from?.froms ?? []).map((f) => f.table?.identifier.name);
      if (tables.includes('trade')) this.reads++;
    }
    return args.node;
  };
  transformResult: KyselyPlugin['transformResult'] = async (args) => args.result;
}

let database: DatabaseHandle;
let payments: Payments;
let s: Services;
const counter = new TradeReadCounter();
let seller: UserActor;
let buyer: UserActor;
let siteId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  payments = await startPayments(config, { webhookRetryDelayMs: 20 });
  s = await createServices({
    config,
    database: { ...database, db: database.db.withPlugin(counter) },
    payments,
  });
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  siteId = (await createTestSite(s, seller)).id;
  await onboardTestSeller({ ...s, emulator: payments.emulator } as never, seller, siteId);
});
afterAll(async () => {
  await payments.stop();
  await database.close();
});

describe('reads', () => {
  it('a paid accept reads the trade row once', async () => {
    const lot = await s.lots.create(seller, lotInput(siteId, { priceCents: 1500 }));
    const trade = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
    counter.reads = 0;
    const accepted = await s.trades.accept(seller, trade.id);
    const reads = counter.reads;
    console.info(`reads of the trade row per paid accept: ${reads}`);
    expect(accepted.state).toBe('payment_pending');
    expect(Number((await lotRepository.findLot(database.db, lot.id))?.quantity_reserved)).toBe(2);
    expect(reads).toBe(1);
  });

  it('messages are read with their authors in a fixed number of queries, whatever their number', async () => {
    const lot = await s.lots.create(seller, lotInput(siteId));
    const trade = await s.trades.request(buyer, { lotId: lot.id, quantity: 1, message: 'Bonjour' });
    for (let i = 0; i < 4; i++) await s.trades.sendMessage(i % 2 ? buyer : seller, trade.id, `message ${i}`);
    counter.statements = 0;
    const messages = await s.trades.listMessages(buyer, trade.id);
    const statements = counter.statements;
    counter.statements = 0;
    for (let i = 0; i < 5; i++) await s.trades.sendMessage(seller, trade.id, `encore ${i}`);
    counter.statements = 0;
    await s.trades.listMessages(buyer, trade.id);
    console.info(`statements to list 5 messages: ${statements}, 10 messages: ${counter.statements}`);
    expect(messages).toHaveLength(5);
    expect(messages.filter((m) => m.mine)).toHaveLength(3);
    expect(messages.every((m) => m.authorName !== null)).toBe(true);
    expect(counter.statements).toBe(statements);
  });

  it('a request answers from what it read and wrote: the same answer as reading the trade back', async () => {
    const free = await s.lots.create(seller, lotInput(siteId));
    const priced = await s.lots.create(seller, lotInput(siteId, { priceCents: 900 }));
    for (const lot of [free, priced]) {
      const requested = await s.trades.request(buyer, { lotId: lot.id, quantity: 2, message: 'Bonjour' });
      expect(requested).toEqual(await s.trades.get(buyer, requested.id));
      expect(requested.nextDeadline?.transition).toBe('expire_request');
      expect(requested.lot.title).toBe(lot.title);
      expect(requested.buyer.name).toBe(buyer.name);
    }
    const [many] = await s.trades.requestMany(buyer, [{ lotId: free.id, quantity: 1 }], async () => {});
    expect(many).toEqual(await s.trades.get(buyer, many?.id ?? ''));
  });
});
