import { matchingRepository } from '@retaille/db';
import { haversineKm } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  requestInput,
  type TestServices,
} from '../testing/test-services.ts';
import { AllocationService } from './allocation.service.ts';

let s: TestServices;
let workshop: UserActor;
let designer: UserActor;
const sites: Record<string, string> = {};

beforeAll(async () => {
  s = await createTestServices();
  workshop = await createTestUser(s);
  designer = await createTestUser(s, { roles: ['designer'] });
  // Lyon centre, Villeurbanne (~5 km), Vienne (~27 km), Saint-Étienne (~50 km), Grenoble (~95 km).
  for (const [name, cp] of [
    ['lyon', '69001'],
    ['villeurbanne', '69100'],
    ['vienne', '38200'],
    ['stetienne', '42000'],
    ['grenoble', '38000'],
  ] as const) {
    sites[name] = (await createTestSite(s, workshop, { postalCode: cp })).id;
  }
});
afterAll(() => s.database.close());

const request = (overrides: Record<string, unknown> = {}) =>
  s.requests.create(designer, {
    title: 'Chêne pour tabourets',
    description: '',
    materialKeys: ['oak'],
    acceptSubstitutes: true,
    unit: 'piece',
    quantityMin: 4,
    quantityMax: 10,
    minLengthMm: 600,
    maxDistanceKm: 60,
    point: { kind: 'commune', insee: '69123' },
    ...overrides,
  } as never);

describe('proposals', () => {
  it('ranks compatible lots within the radius: exact before substitute, near before far, explained', async () => {
    const oakNear = await s.lots.create(workshop, lotInput(sites.villeurbanne!, { title: 'Chêne proche' }));
    const beechNear = await s.lots.create(
      workshop,
      lotInput(sites.lyon!, { title: 'Hêtre', materialKey: 'beech' }),
    );
    const oakFar = await s.lots.create(workshop, lotInput(sites.stetienne!, { title: 'Chêne loin' }));
    const oakOut = await s.lots.create(workshop, lotInput(sites.grenoble!, { title: 'Chêne hors rayon' }));
    const short = await s.lots.create(
      workshop,
      lotInput(sites.lyon!, {
        title: 'Chêne court',
        dimensions: { lengthMm: 300, widthMm: 100, thicknessMm: 20 },
      }),
    );
    const cotton = await s.lots.create(
      workshop,
      lotInput(sites.lyon!, {
        title: 'Coton',
        materialKey: 'cotton',
        unit: 'kg',
        quantity: 5,
        dimensions: {},
      }),
    );
    const req = await request();
    // Other tests add lots to the same sites: rank only this test's lots.
    const mine = new Set([oakNear, beechNear, oakFar, oakOut, short, cotton].map((l) => l.id));
    const proposals = (await s.matching.proposalsForRequest(designer, req.id)).filter((p) =>
      mine.has(p.lotId),
    );
    const ids = proposals.map((p) => p.lotId);
    expect(ids[0]).toBe(oakNear.id);
    expect(ids).toContain(beechNear.id);
    expect(ids).toContain(oakFar.id);
    expect(ids.indexOf(oakNear.id)).toBeLessThan(ids.indexOf(oakFar.id));
    expect(ids).not.toContain(oakOut.id);
    expect(ids).not.toContain(short.id);
    expect(ids).not.toContain(cotton.id);
    const first = proposals[0]!;
    expect(first.materialFit).toBe('exact');
    expect(first.explanation.map((e) => e.key)).toEqual(
      expect.arrayContaining(['match.distance', 'match.material.exact']),
    );
    expect(first.transportCo2eKg).toBeGreaterThan(0);
    // The pair's break-even for the default van (0 would mean the lot's material was not passed).
    expect(first.estimatedNetCo2eKg).not.toBe(0);
    expect(proposals.find((p) => p.lotId === beechNear.id)!.materialFit).toBe('substitute');

    const strict = await request({ acceptSubstitutes: false });
    expect((await s.matching.proposalsForRequest(designer, strict.id)).map((p) => p.lotId)).not.toContain(
      beechNear.id,
    );
  });

  it('finds the requests a lot fits, only for the lot’s site', async () => {
    const req = await request({ title: 'Pour le lot' });
    const lot = await s.lots.create(workshop, lotInput(sites.lyon!, { title: 'Chêne pour demandes' }));
    const fits = await s.matching.proposalsForLot(workshop, lot.id);
    expect(fits.map((p) => p.requestId)).toContain(req.id);
    await expect(s.matching.proposalsForLot(designer, lot.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers an empty list for a request with no compatible material', async () => {
    const req = await request({
      materialKeys: ['glass_flat'],
      unit: 'kg',
      quantityMin: 1,
      quantityMax: 2,
      minLengthMm: null,
    });
    expect(await s.matching.proposalsForRequest(designer, req.id)).toEqual([]);
  });
});

describe('alerts', () => {
  it('notifies a requester once per lot, and e-mails at most one digest per request per day', async () => {
    const t = await createTestServices();
    try {
      const w = await createTestUser(t);
      const d = await createTestUser(t);
      const site = (await createTestSite(t, w, { postalCode: '69001' })).id;
      const req = await t.requests.create(d, {
        title: 'Chêne',
        description: '',
        materialKeys: ['oak'],
        acceptSubstitutes: false,
        unit: 'piece',
        quantityMin: 1,
        quantityMax: 10,
        maxDistanceKm: 30,
        point: { kind: 'commune', insee: '69123' },
      });
      const lot = await t.lots.create(w, lotInput(site));
      await t.lots.update(w, lot.id, lotInput(site, { title: 'Chêne (modifié)' }));
      let inbox = await t.matching.notifications(d);
      expect(inbox.items.filter((n) => n.lotId === lot.id)).toHaveLength(1);
      expect(inbox.unread).toBe(1);

      expect(await t.matching.sendDigests()).toEqual({ emails: 1, notifications: 1 });
      const second = await t.lots.create(w, lotInput(site, { title: 'Second chêne' }));
      expect(await t.matching.sendDigests()).toEqual({ emails: 0, notifications: 0 });
      const mails = await t.accounts.outbox({ kind: 'anonymous' }, d.email);
      expect(mails.filter((m) => m.kind === 'match-digest')).toHaveLength(1);
      expect(mails[0]!.text).toContain(`/lots/${lot.id}`);

      inbox = await t.matching.notifications(d);
      expect(inbox.items.map((n) => n.lotId)).toContain(second.id);
      await t.matching.markRead(d, 'all');
      expect((await t.matching.notifications(d)).unread).toBe(0);
      expect(req.id).toBeTruthy();
    } finally {
      await t.database.close();
    }
  });
});

describe('network allocation', () => {
  it('allocates to minimise tonne-km, never worse than greedy, one run per scope at a time', async () => {
    const t = await createTestServices();
    try {
      const w = await createTestUser(t);
      const d1 = await createTestUser(t);
      const d2 = await createTestUser(t);
      const coordinator = await createTestUser(t, { roles: ['coordinator'] });
      const other = await createTestUser(t, { roles: ['coordinator'] });
      const lyon = (await createTestSite(t, w, { postalCode: '69001' })).id;
      const vienne = (await createTestSite(t, w, { postalCode: '38200' })).id;
      await t.lots.create(w, lotInput(lyon, { unit: 'kg', quantity: 100, dimensions: {} }));
      await t.lots.create(w, lotInput(vienne, { unit: 'kg', quantity: 100, dimensions: {} }));
      const base = {
        title: 'Chêne',
        description: '',
        materialKeys: ['oak'],
        acceptSubstitutes: false,
        unit: 'kg',
        quantityMin: 10,
      };
      // Greedy gives Lyon's lot to the request nearest to it, leaving the other a long trip.
      await t.requests.create(d1, {
        ...base,
        quantityMax: 100,
        maxDistanceKm: 60,
        point: { kind: 'commune', insee: '69123' },
      } as never);
      await t.requests.create(d2, {
        ...base,
        quantityMax: 100,
        maxDistanceKm: 60,
        point: { kind: 'commune', insee: '38544' },
      } as never);

      const [a, b] = await Promise.all([
        t.allocations.start(coordinator, null),
        t.allocations.start(other, null),
      ]);
      expect(a.runId).toBe(b.runId);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      await t.allocations.settled(a.runId);
      const run = await t.allocations.get(coordinator, a.runId);
      expect(run.status).toBe('done');
      const sum = run.summary!;
      expect(sum.optimal.kg).toBeGreaterThanOrEqual(sum.greedy.kg);
      expect(sum.optimalAtGreedyKg.tonneKm).toBeLessThanOrEqual(sum.greedy.tonneKm + 1e-9);
      expect(run.flows.length).toBeGreaterThan(0);
      // Each requester is told and sees the flows proposed to them; they accept or ignore them.
      const mine = await t.allocations.mine(d1);
      expect(mine.length).toBeGreaterThan(0);
      expect((await t.matching.notifications(d1)).items.some((n) => n.kind === 'allocation_proposal')).toBe(
        true,
      );
      const flow = mine[0]!;
      await t.allocations.decide(d1, flow, 'accepted');
      expect((await t.allocations.mine(d1))[0]!.decision).toBe('accepted');
      await expect(t.allocations.decide(d2, flow, 'ignored')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(t.allocations.start(w, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await t.database.close();
    }
  });

  it('beats greedy nearest-first where it is not optimal: the exact tonne-km of the optimum', async () => {
    // On a north–south line through Lyon (km from the centre): lot A at 0, request R1 at +5,
    // request R2 at −7.5, lot B at +11; 100 kg each, all pairs within the radius.
    // Greedy takes the nearest pair A→R1 (5 km) and leaves B→R2 (18.5 km): 0.1 t × 23.5 km.
    // The optimum crosses over, A→R2 (7.5 km) and B→R1 (6 km): 0.1 t × 13.5 km.
    const t = await createTestServices();
    try {
      const w = await createTestUser(t);
      const d1 = await createTestUser(t);
      const d2 = await createTestUser(t);
      const coordinator = await createTestUser(t, { roles: ['coordinator'] });
      const lon = 4.8357;
      const at = (km: number) => ({ lat: 45.764 + km / 111.195, lon });
      const [A, R1, R2, B] = [at(0), at(5), at(-7.5), at(11)];
      const siteA = (await createTestSite(t, w, { postalCode: '69001', ...A })).id;
      const siteB = (await createTestSite(t, w, { postalCode: '69001', ...B })).id;
      const kgLot = { unit: 'kg' as const, quantity: 100, dimensions: {} };
      const lotA = await t.lots.create(w, lotInput(siteA, { title: 'Chêne A', ...kgLot }));
      const lotB = await t.lots.create(w, lotInput(siteB, { title: 'Chêne B', ...kgLot }));
      const want = (who: UserActor, point: { lat: number; lon: number }) =>
        t.requests.create(who, {
          title: 'Chêne',
          description: '',
          materialKeys: ['oak'],
          acceptSubstitutes: false,
          unit: 'kg',
          quantityMin: 10,
          quantityMax: 100,
          maxDistanceKm: 30,
          point: { kind: 'point', ...point },
        });
      const r1 = await want(d1, R1);
      const r2 = await want(d2, R2);

      const { runId } = await t.allocations.start(coordinator, null);
      await t.allocations.settled(runId);
      const run = await t.allocations.get(coordinator, runId);
      expect(run.status).toBe('done');
      const tonneKm = (pairs: [{ lat: number; lon: number }, { lat: number; lon: number }][]) =>
        pairs.reduce((sum, [a, b]) => sum + 0.1 * haversineKm(a, b), 0);
      const optimum = tonneKm([
        [A, R2],
        [B, R1],
      ]);
      const greedy = tonneKm([
        [A, R1],
        [B, R2],
      ]);
      expect(optimum).toBeCloseTo(1.35, 1);
      expect(greedy).toBeCloseTo(2.35, 1);
      const sum = run.summary!;
      expect(sum.optimal.kg).toBe(200);
      expect(sum.greedy.kg).toBe(200);
      expect(sum.optimal.tonneKm).toBeCloseTo(optimum, 2);
      expect(sum.optimalAtGreedyKg.tonneKm).toBeCloseTo(optimum, 2);
      expect(sum.greedy.tonneKm).toBeCloseTo(greedy, 2);
      const flows = (list: typeof run.flows) => list.map((f) => `${f.lotId}→${f.requestId} ${f.kg}`).sort();
      expect(flows(run.flows)).toEqual([`${lotA.id}→${r2.id} 100`, `${lotB.id}→${r1.id} 100`].sort());
      expect(flows(run.baselineFlows)).toEqual([`${lotA.id}→${r1.id} 100`, `${lotB.id}→${r2.id} 100`].sort());
    } finally {
      await t.database.close();
    }
  });

  it('fails clearly on an empty region and can be retried without duplicates', async () => {
    const t = await createTestServices();
    try {
      const coordinator = await createTestUser(t, { roles: ['coordinator'] });
      const { runId } = await t.allocations.start(coordinator, '94');
      await t.allocations.settled(runId);
      const run = await t.allocations.get(coordinator, runId);
      expect(run).toMatchObject({ status: 'failed', error: 'allocation.empty' });
      await t.allocations.retry(coordinator, runId);
      await t.allocations.settled(runId);
      expect((await t.allocations.get(coordinator, runId)).status).toBe('failed');
    } finally {
      await t.database.close();
    }
  });
});

describe('allocation job', () => {
  it('stores a run once when two executions overlap (a job retried while the first still runs)', async () => {
    const t = await createTestServices();
    try {
      const owner = await createTestUser(t);
      const requester = await createTestUser(t);
      const coordinator = await createTestUser(t, { roles: ['coordinator'] });
      const site = (await createTestSite(t, owner, { postalCode: '69001' })).id;
      await t.requests.create(requester, requestInput());
      await t.lots.create(owner, lotInput(site, { unit: 'kg', quantity: 40, dimensions: {} }));
      // A service with no queue: the run is created, and the test plays the two workers.
      const unqueued = new AllocationService({ db: t.database.db, now: () => new Date() });
      const { runId } = await unqueued.start(coordinator, null);
      await Promise.all([unqueued.execute(runId, null), unqueued.execute(runId, null)]);
      const run = await t.allocations.get(coordinator, runId);
      expect(run.status).toBe('done');
      expect(run.flows).toHaveLength(1);
      const proposals = (await t.matching.notifications(requester)).items.filter(
        (n) => n.kind === 'allocation_proposal',
      );
      expect(proposals).toHaveLength(1);
      // The second execution read the run before the first stored it: its "running" must not undo "done".
      expect(await matchingRepository.advanceAllocationRun(t.database.db, runId, { status: 'running' })).toBe(
        false,
      );
      expect((await t.allocations.get(coordinator, runId)).status).toBe('done');
    } finally {
      await t.database.close();
    }
  });
});
