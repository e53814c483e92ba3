import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  requestInput,
  type TestServices,
} from '../testing/test-services.ts';
import { JobQueue } from './job-queue.ts';
import { JOB_BATCH_SIZE, startPgBossQueue } from './pg-boss-queue.ts';

let s: TestServices;
let queue: { stop(): Promise<void> };
beforeAll(async () => {
  s = await createTestServices();
  queue = await startPgBossQueue(s.jobs, s.database, (m) => {
    throw new Error(m);
  });
});
afterAll(async () => {
  await queue.stop();
  await s.database.close();
});

it('runs allocations and alert fan-out as pg-boss jobs over the shared pool', async () => {
  const workshop = await createTestUser(s);
  const designer = await createTestUser(s);
  const coordinator = await createTestUser(s, { roles: ['coordinator'] });
  const site = (await createTestSite(s, workshop, { postalCode: '69001' })).id;
  await s.requests.create(designer, requestInput());
  const lot = await s.lots.create(workshop, lotInput(site, { unit: 'kg', quantity: 40, dimensions: {} }));

  // The publication only queued the fan-out: the worker delivers the notification shortly after.
  let told = false;
  for (let i = 0; i < 100 && !told; i++) {
    told = (await s.matching.notifications(designer)).items.some((n) => n.lotId === lot.id);
    if (!told) await new Promise((r) => setTimeout(r, 100));
  }
  expect(told).toBe(true);

  const { runId } = await s.allocations.start(coordinator, null);
  expect((await s.allocations.get(coordinator, runId)).status).toMatch(/queued|running|done/);
  await s.allocations.settled(runId, 30_000);
  const run = await s.allocations.get(coordinator, runId);
  expect(run.status).toBe('done');
  expect(run.flows).toHaveLength(1);
  expect(run.flows[0]).toMatchObject({ lotId: lot.id, kg: 40 });
});

it('queues a job with the transaction: nothing if it rolls back, exactly one row if it commits', async () => {
  const queued = async (lotId: string) =>
    Number(
      (
        await s.database.pool.query(
          "select count(*)::int as n from pgboss.job where name = 'lot.announce' and data->>'lotId' = $1",
          [lotId],
        )
      ).rows[0].n,
    );
  const rolledBack = '00000000-0000-4000-8000-00000000000a';
  await expect(
    s.jobs.transaction(async (_trx, enqueue) => {
      await enqueue('lot.announce', { lotId: rolledBack });
      throw new Error('the state change failed');
    }),
  ).rejects.toThrow('the state change failed');
  expect(await queued(rolledBack)).toBe(0);

  const committed = '00000000-0000-4000-8000-00000000000b';
  await s.jobs.transaction(async (_trx, enqueue) => {
    await enqueue('lot.announce', { lotId: committed });
  });
  expect(await queued(committed)).toBe(1);
});

it('inline (tests, scripts): handlers run once the transaction has committed, never after a rollback', async () => {
  const inline = new JobQueue(s.database.db);
  const seen: string[] = [];
  inline.bind({
    'allocation.run': async () => {},
    'mail.deliver': async () => {},
    'trade.notify': async () => {},
    'impact.upgrade': async () => {},
    // Reads through the pool: on PGlite this would wait forever inside the open transaction.
    'lot.announce': async ({ lotId }) => {
      const r = await s.database.pool.query('select title from lot where id = $1', [lotId]);
      seen.push(r.rows[0]?.title ?? 'missing');
    },
  });
  const workshop = await createTestUser(s);
  const site = (await createTestSite(s, workshop)).id;
  const lot = await s.lots.create(workshop, lotInput(site, { publish: false, title: 'Inline' }));
  await expect(
    inline.transaction(async (_trx, enqueue) => {
      await enqueue('lot.announce', { lotId: lot.id });
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect(seen).toEqual([]);
  await inline.transaction(async (_trx, enqueue) => {
    await enqueue('lot.announce', { lotId: lot.id });
    expect(seen).toEqual([]);
  });
  expect(seen).toEqual(['Inline']);
});

it('drains a backlog without waiting a polling interval between full batches', async () => {
  // Four batches of trade.notify for events that do not exist: each job is one read, then skipped.
  const tradeId = '00000000-0000-4000-8000-0000000000c1';
  const count = JOB_BATCH_SIZE * 4;
  await s.jobs.transaction(async (_trx, enqueue) => {
    for (let i = 0; i < count; i++) {
      const eventId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await enqueue('trade.notify', { tradeId, eventId, event: 'request' });
    }
  });
  const state = async () =>
    (
      await s.database.pool.query(
        `select count(*) filter (where state = 'completed')::int as done,
                extract(epoch from max(completed_on) - min(started_on))::float8 as seconds
           from pgboss.job where name = 'trade.notify' and data->>'tradeId' = $1`,
        [tradeId],
      )
    ).rows[0] as { done: number; seconds: number | null };
  let now = await state();
  for (let i = 0; i < 200 && now.done < count; i++) {
    await new Promise((r) => setTimeout(r, 50));
    now = await state();
  }
  expect(now.done).toBe(count);
  // One batch per polling interval (1 s) would take more than three seconds from the first job
  // started to the last one completed; fetched again at once after each full batch, well under.
  expect(now.seconds).toBeLessThan(2);
});
