import { describe, expect, it } from 'vitest';
import { EMBEDDED_FACTOR_SET } from '../impact/embedded-factors.ts';
import { pairBreakEven } from '../impact/method.ts';
import { allocateMinTonneKm } from './allocation.ts';
import { estimatePairs, leaveOutLosingPairs, pairsWorthTheTrip } from './break-even.ts';
import { rankProposals, scoreProposal } from './score.ts';

const fs = EMBEDDED_FACTOR_SET;
const lots = [
  { id: 'oak-small', availableKg: 10 },
  { id: 'oak-big', availableKg: 200 },
  { id: 'wool', availableKg: 5 },
];
const requests = [
  { id: 'r1', maxKg: 150 },
  { id: 'r2', maxKg: 8 },
];
const pairs = [
  { lotId: 'oak-small', requestId: 'r1', distanceKm: 7, materialKey: 'oak' },
  { lotId: 'oak-big', requestId: 'r1', distanceKm: 7, materialKey: 'oak' },
  { lotId: 'oak-big', requestId: 'r2', distanceKm: 7, materialKey: 'oak' },
  { lotId: 'wool', requestId: 'r2', distanceKm: 60, materialKey: 'wool' },
];

describe('estimatePairs: the net of the most a pair can carry by the default van', () => {
  it.each<[string, number, number, boolean]>([
    ['10 kg of oak 7 km away cannot pay a van round trip', 0, 10, false],
    ['150 kg of oak 7 km away can', 1, 150, true],
    ['8 kg of oak (capped by the request) cannot', 2, 8, false],
    ['5 kg of wool 60 km away can', 3, 5, true],
  ])('%s', (_, index, maxKg, worth) => {
    const e = estimatePairs(lots, requests, pairs, fs)[index]!;
    expect(e.maxKg).toBe(maxKg);
    expect(e.worthTheTrip).toBe(worth);
    const p = pairs[index]!;
    expect(e.netKgCo2e).toEqual(
      pairBreakEven({ materialKey: p.materialKey, massKg: maxKg, distanceKm: p.distanceKm }, fs).netKgCo2e,
    );
  });

  it('the allocation asked to leave out losing pairs never routes kilos through them', () => {
    const kept = pairsWorthTheTrip(lots, requests, pairs, fs);
    expect(kept.map((p) => `${p.lotId}>${p.requestId}`)).toEqual(['oak-big>r1', 'wool>r2']);
    const all = allocateMinTonneKm(lots, requests, pairs);
    const filtered = allocateMinTonneKm(lots, requests, kept);
    expect(
      all.flows.some((f) => f.lotId === 'oak-small' || (f.lotId === 'oak-big' && f.requestId === 'r2')),
    ).toBe(true);
    expect(filtered.flows.map((f) => `${f.lotId}>${f.requestId}`)).toEqual(['oak-big>r1', 'wool>r2']);
  });
});

describe('leaveOutLosingPairs: what an allocation keeps and what it tells the coordinator', () => {
  it('keeps the pairs worth the trip and lists the others, worst first, with the reason', () => {
    const { kept, summary } = leaveOutLosingPairs(lots, requests, pairs, fs);
    expect(kept).toEqual(pairsWorthTheTrip(lots, requests, pairs, fs));
    expect(summary.leaveOutLosingPairs).toBe(true);
    expect(summary.leftOutPairs).toBe(2);
    expect(summary.leftOut.map((p) => [`${p.lotId}>${p.requestId}`, p.reason, p.maxKg])).toEqual([
      ['oak-big>r2', 'transport_exceeds_avoided', 8],
      ['oak-small>r1', 'transport_exceeds_avoided', 10],
    ]);
    for (const p of summary.leftOut) {
      expect(p.netKgCo2e.central).toBeLessThan(0);
      expect(p).toMatchObject({ distanceKm: 7, materialKey: 'oak' });
    }
  });

  it('caps the list but still counts every pair left out', () => {
    const { summary } = leaveOutLosingPairs(lots, requests, pairs, fs, 1);
    expect(summary.leftOutPairs).toBe(2);
    expect(summary.leftOut).toHaveLength(1);
  });

  it('leaves nothing out when every pair pays its trip', () => {
    const near = pairs.map((p) => ({ ...p, distanceKm: 0 }));
    const { kept, summary } = leaveOutLosingPairs(lots, requests, near, fs);
    expect(kept).toHaveLength(near.length);
    expect(summary.leftOut).toEqual([]);
  });
});

describe('proposals show the estimated net for the default travel', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const base = {
    radiusKm: 50,
    materialFit: 'exact' as const,
    availableQty: 10,
    requestedMax: 10,
    unitPriceCents: null,
    budgetCents: null,
    publishedAt: now,
    now,
  };
  it.each<[string, { distanceKm: number; massKg: number }, boolean]>([
    ['10 kg of oak 7 km away: negative', { distanceKm: 7, massKg: 10 }, false],
    ['10 kg of oak 0.5 km away: positive', { distanceKm: 0.5, massKg: 10 }, true],
  ])('%s', (_, pair, positive) => {
    const r = scoreProposal({ ...base, ...pair, materialKey: 'oak' }, fs);
    const expected = pairBreakEven({ materialKey: 'oak', ...pair }, fs).netKgCo2e.central;
    expect(r.estimatedNetCo2eKg).toBeCloseTo(expected, 10);
    expect((r.estimatedNetCo2eKg ?? 0) > 0).toBe(positive);
  });
  it('is absent without a material, and carried through the ranking', () => {
    expect(scoreProposal({ ...base, distanceKm: 7, massKg: 10 }, fs).estimatedNetCo2eKg).toBeUndefined();
    const [ranked] = rankProposals(
      [
        {
          id: 'l',
          distanceKm: 7,
          materialFit: 'exact',
          availableQty: 10,
          unitPriceCents: null,
          publishedAt: now,
          massKg: 10,
          materialKey: 'oak',
        },
      ],
      { radiusKm: 50, requestedMax: 10, budgetCents: null },
      now,
      fs,
    );
    expect(ranked?.estimatedNetCo2eKg).toBeLessThan(0);
  });
});
