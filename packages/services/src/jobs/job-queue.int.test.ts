import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { startPgBossQueue } from './job-queue.ts';

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
  await s.requests.create(designer, {
    title: 'Chêne',
    description: '',
    materialKeys: ['oak'],
    acceptSubstitutes: false,
    unit: 'kg',
    quantityMin: 1,
    quantityMax: 50,
    maxDistanceKm: 30,
    point: { kind: 'commune', insee: '69123' },
  });
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
