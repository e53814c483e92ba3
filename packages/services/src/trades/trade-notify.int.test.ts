import { loadConfig } from '@retaille/config';
import type { DatabaseHandle } from '@retaille/db';
import { createTestDatabase } from '@retaille/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { createServices, type Services } from '../services.ts';
import { createTestSite, createTestUser, lotInput } from '../testing/test-services.ts';

/** What the transitions queued, as a backend sees it (inside their transactions). */
const queued: { name: string; data: Record<string, unknown>; key: string | undefined }[] = [];

let database: DatabaseHandle;
let s: Services;
let seller: UserActor;
let buyer: UserActor;
let siteId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const jobs = new JobQueue(database.db);
  // A backend that only records: the jobs are neither run nor stored.
  jobs.use(async (_trx, name, data, options) => {
    queued.push({ name, data: data as Record<string, unknown>, key: options?.key });
  });
  s = await createServices({ config, database, jobs });
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  siteId = (await createTestSite(s, seller)).id;
});
afterAll(() => database.close());

describe('the notify effect', () => {
  it('queues one trade.notify per history row, keyed by the row, the request included', async () => {
    const lot = await s.lots.create(seller, lotInput(siteId));
    queued.length = 0;
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
    await s.trades.accept(seller, t.id);
    await s.trades.handOver(seller, t.id, '3.5');
    await s.trades.confirmReceipt(buyer, t.id);
    const history = await s.trades.history(t.id);
    expect(history.map((e) => e.transition)).toEqual([
      'request',
      'accept',
      'hand_over',
      'confirm_receipt',
      'complete',
    ]);
    const notices = queued.filter((j) => j.name === 'trade.notify' && j.data.tradeId === t.id);
    expect(notices).toEqual(
      history.map((e) => ({
        name: 'trade.notify',
        data: { tradeId: t.id, eventId: e.id, event: e.transition },
        key: `trade.notify:${t.id}:${e.seq}`,
      })),
    );
  });

  it('queues nothing for a refused transition', async () => {
    const lot = await s.lots.create(seller, lotInput(siteId));
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
    queued.length = 0;
    await expect(s.trades.accept(buyer, t.id)).rejects.toMatchObject({ key: 'trade.notAllowedForActor' });
    await expect(s.trades.confirmReceipt(buyer, t.id)).rejects.toMatchObject({
      key: 'trade.illegalTransition',
    });
    expect(queued.filter((j) => j.name === 'trade.notify')).toEqual([]);
  });

  it('queues a keyed job once per transaction even if asked twice', async () => {
    const jobs = new JobQueue(database.db);
    const seen: string[] = [];
    jobs.use(async (_trx, _name, _data, options) => {
      seen.push(options?.key ?? '');
    });
    await jobs.transaction(async (_trx, enqueue) => {
      const data = { tradeId: 't', eventId: 'e', event: 'accept' };
      await enqueue('trade.notify', data, { key: 'trade.notify:t:2' });
      await enqueue('trade.notify', data, { key: 'trade.notify:t:2' });
      await enqueue('trade.notify', data, { key: 'trade.notify:t:3' });
    });
    expect(seen).toEqual(['trade.notify:t:2', 'trade.notify:t:3']);
  });

  it('runs trade.notify without a bound handler as a no-op', async () => {
    const jobs = new JobQueue(database.db);
    await expect(
      jobs.run('trade.notify', { tradeId: 't', eventId: 'e', event: 'accept' }),
    ).resolves.toBeUndefined();
    await expect(jobs.run('lot.announce', { lotId: 'l' })).rejects.toThrow('no handler');
  });
});
