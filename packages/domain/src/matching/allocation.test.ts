import { describe, expect, it } from 'vitest';
import { haversineKm } from '../geo/distance.ts';
import { DomainError } from '../shared/errors.ts';
import {
  type AllocationLot,
  type AllocationRequest,
  type AllocationResult,
  allocateMinTonneKm,
  type CandidatePair,
  findCandidatePairs,
  greedyNearestFirst,
} from './allocation.ts';

interface Instance {
  lots: AllocationLot[];
  requests: AllocationRequest[];
  pairs: CandidatePair[];
}

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer kg and integer km, so kg × km totals are exact. */
function randomInstance(
  seed: number,
  size: { lots: number; requests: number; maxKg: number; density: number },
) {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const lots = Array.from({ length: size.lots }, (_, i) => ({
    id: `L${i}`,
    availableKg: int(0, size.maxKg),
  }));
  const requests = Array.from({ length: size.requests }, (_, i) => ({
    id: `R${i}`,
    maxKg: int(0, size.maxKg),
  }));
  const pairs: CandidatePair[] = [];
  for (const lot of lots) {
    for (const request of requests) {
      // Few distinct distances, so ties and degenerate pivots are common.
      if (r() < size.density) pairs.push({ lotId: lot.id, requestId: request.id, distanceKm: int(0, 9) });
    }
  }
  return { lots, requests, pairs };
}

/** Σ kg × km, rounded: exact on instances with integer kg and km. */
const kgKm = (res: AllocationResult) => Math.round(res.flows.reduce((s, f) => s + f.kg * f.distanceKm, 0));

/** Lexicographic optimum (max kg, then min kg·km) by enumerating every integer flow. */
function bruteForce({ lots, requests, pairs }: Instance) {
  const left = new Map(lots.map((l) => [l.id, l.availableKg]));
  const need = new Map(requests.map((q) => [q.id, q.maxKg]));
  let best = { kg: 0, cost: 0 };
  const visit = (k: number, kg: number, cost: number) => {
    if (k === pairs.length) {
      if (kg > best.kg || (kg === best.kg && cost < best.cost)) best = { kg, cost };
      return;
    }
    const p = pairs[k]!;
    const cap = Math.min(left.get(p.lotId)!, need.get(p.requestId)!);
    for (let x = 0; x <= cap; x++) {
      left.set(p.lotId, left.get(p.lotId)! - x);
      need.set(p.requestId, need.get(p.requestId)! - x);
      visit(k + 1, kg + x, cost + x * p.distanceKm);
      left.set(p.lotId, left.get(p.lotId)! + x);
      need.set(p.requestId, need.get(p.requestId)! + x);
    }
  };
  visit(0, 0, 0);
  return best;
}

/** Textbook successive shortest paths with Bellman-Ford, one unit of kg per augmentation. */
function sspReference({ lots, requests, pairs }: Instance) {
  const n = lots.length + requests.length + 2;
  const s = n - 2;
  const t = n - 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const out: number[][] = Array.from({ length: n }, () => []);
  const add = (u: number, v: number, c: number, w: number) => {
    out[u]!.push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(w);
    out[v]!.push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-w);
  };
  const lotIndex = new Map(lots.map((l, i) => [l.id, i]));
  const requestIndex = new Map(requests.map((q, i) => [q.id, lots.length + i]));
  for (const [i, l] of lots.entries()) add(s, i, l.availableKg, 0);
  for (const [i, q] of requests.entries()) add(lots.length + i, t, q.maxKg, 0);
  for (const p of pairs) add(lotIndex.get(p.lotId)!, requestIndex.get(p.requestId)!, 1e9, p.distanceKm);
  let kg = 0;
  let total = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
    const via = new Array<number>(n).fill(-1);
    dist[s] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (dist[u] === Number.POSITIVE_INFINITY) continue;
        for (const e of out[u]!) {
          if (cap[e]! > 0 && dist[u]! + cost[e]! < dist[to[e]!]!) {
            dist[to[e]!] = dist[u]! + cost[e]!;
            via[to[e]!] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[t] === Number.POSITIVE_INFINITY) return { kg, cost: total };
    for (let v = t; v !== s; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]! -= 1;
      cap[via[v]! ^ 1]! += 1;
    }
    kg += 1;
    total += dist[t]!;
  }
}

function expectFeasible(res: AllocationResult, { lots, requests, pairs }: Instance) {
  const allowed = new Set(pairs.map((p) => `${p.lotId}|${p.requestId}`));
  const sent = new Map<string, number>();
  const got = new Map<string, number>();
  for (const f of res.flows) {
    expect(allowed.has(`${f.lotId}|${f.requestId}`)).toBe(true);
    expect(f.kg).toBeGreaterThan(0);
    sent.set(f.lotId, (sent.get(f.lotId) ?? 0) + f.kg);
    got.set(f.requestId, (got.get(f.requestId) ?? 0) + f.kg);
  }
  for (const l of lots) expect(sent.get(l.id) ?? 0).toBeLessThanOrEqual(l.availableKg + 1e-9);
  for (const q of requests) expect(got.get(q.id) ?? 0).toBeLessThanOrEqual(q.maxKg + 1e-9);
  expect(res.totalKg).toBeCloseTo(
    res.flows.reduce((s, f) => s + f.kg, 0),
    9,
  );
  expect(res.tonneKm).toBeCloseTo(kgKm(res) / 1000, 9);
}

describe('allocateMinTonneKm', () => {
  it('equals brute force on 300 tiny random instances', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const inst = randomInstance(seed, {
        lots: 1 + (seed % 3),
        requests: 1 + ((seed >> 2) % 3),
        maxKg: 3,
        density: 0.7,
      });
      if (inst.pairs.length > 7) inst.pairs.length = 7;
      const res = allocateMinTonneKm(inst.lots, inst.requests, inst.pairs);
      expectFeasible(res, inst);
      const best = bruteForce(inst);
      expect({ seed, kg: res.totalKg, cost: kgKm(res) }).toEqual({ seed, kg: best.kg, cost: best.cost });
    }
  });

  it('equals a Bellman-Ford successive-shortest-path reference on 150 small random instances', () => {
    for (let seed = 1000; seed < 1150; seed++) {
      const inst = randomInstance(seed, {
        lots: 2 + (seed % 9),
        requests: 2 + ((seed >> 3) % 9),
        maxKg: 25,
        density: 0.4,
      });
      const res = allocateMinTonneKm(inst.lots, inst.requests, inst.pairs);
      expectFeasible(res, inst);
      const ref = sspReference(inst);
      expect({ seed, kg: res.totalKg, cost: kgKm(res) }).toEqual({ seed, kg: ref.kg, cost: ref.cost });
    }
  });

  it('is never worse than greedy: at least as many kg, and no more tonne-km for the same kg', () => {
    for (let seed = 2000; seed < 2100; seed++) {
      const inst = randomInstance(seed, { lots: 12, requests: 12, maxKg: 40, density: 0.3 });
      const opt = allocateMinTonneKm(inst.lots, inst.requests, inst.pairs);
      const greedy = greedyNearestFirst(inst.lots, inst.requests, inst.pairs);
      expectFeasible(greedy, inst);
      expect(opt.totalKg).toBeGreaterThanOrEqual(greedy.totalKg);
      const sameKg = allocateMinTonneKm(inst.lots, inst.requests, inst.pairs, { totalKg: greedy.totalKg });
      expectFeasible(sameKg, inst);
      expect(sameKg.totalKg).toBe(greedy.totalKg);
      expect(kgKm(sameKg)).toBeLessThanOrEqual(kgKm(greedy));
    }
  });

  it('serves more than greedy when the nearest pair blocks two others', () => {
    const lots = [
      { id: 'A', availableKg: 10 },
      { id: 'B', availableKg: 10 },
    ];
    const requests = [
      { id: 'X', maxKg: 10 },
      { id: 'Y', maxKg: 10 },
    ];
    const pairs = [
      { lotId: 'A', requestId: 'X', distanceKm: 1 },
      { lotId: 'A', requestId: 'Y', distanceKm: 2 },
      { lotId: 'B', requestId: 'X', distanceKm: 3 },
    ];
    expect(greedyNearestFirst(lots, requests, pairs)).toMatchObject({ totalKg: 10, tonneKm: 0.01 });
    expect(allocateMinTonneKm(lots, requests, pairs)).toEqual({
      flows: [
        { lotId: 'A', requestId: 'Y', kg: 10, distanceKm: 2 },
        { lotId: 'B', requestId: 'X', kg: 10, distanceKm: 3 },
      ],
      totalKg: 20,
      tonneKm: 0.05,
      belowMinimumRequestIds: [],
    });
  });

  it('moves fewer tonne-km than greedy for the same kg', () => {
    const lots = [
      { id: 'A', availableKg: 10 },
      { id: 'B', availableKg: 10 },
    ];
    const requests = [
      { id: 'X', maxKg: 10 },
      { id: 'Y', maxKg: 10 },
    ];
    const pairs = [
      { lotId: 'A', requestId: 'X', distanceKm: 1 },
      { lotId: 'A', requestId: 'Y', distanceKm: 2 },
      { lotId: 'B', requestId: 'X', distanceKm: 2 },
      { lotId: 'B', requestId: 'Y', distanceKm: 10 },
    ];
    const greedy = greedyNearestFirst(lots, requests, pairs);
    const opt = allocateMinTonneKm(lots, requests, pairs);
    expect(greedy.totalKg).toBe(20);
    expect(greedy.tonneKm).toBeCloseTo(0.11, 12);
    expect(opt.totalKg).toBe(20);
    expect(opt.tonneKm).toBeCloseTo(0.04, 12);
  });

  it('splits a lot across requests and a request across lots', () => {
    const res = allocateMinTonneKm(
      [
        { id: 'A', availableKg: 30 },
        { id: 'B', availableKg: 5 },
      ],
      [
        { id: 'X', maxKg: 20 },
        { id: 'Y', maxKg: 15 },
      ],
      [
        { lotId: 'A', requestId: 'X', distanceKm: 4 },
        { lotId: 'A', requestId: 'Y', distanceKm: 4 },
        { lotId: 'B', requestId: 'Y', distanceKm: 1 },
      ],
    );
    expect(res.flows).toEqual([
      { lotId: 'A', requestId: 'X', kg: 20, distanceKm: 4 },
      { lotId: 'A', requestId: 'Y', kg: 10, distanceKm: 4 },
      { lotId: 'B', requestId: 'Y', kg: 5, distanceKm: 1 },
    ]);
  });

  it('works in grams: fractional kg are kept', () => {
    const res = allocateMinTonneKm(
      [{ id: 'A', availableKg: 2.345 }],
      [{ id: 'X', maxKg: 10 }],
      [{ lotId: 'A', requestId: 'X', distanceKm: 12.5 }],
    );
    expect(res.totalKg).toBe(2.345);
    expect(res.tonneKm).toBeCloseTo(0.0293125, 12);
  });

  it.each([
    ['nothing at all', [], [], []],
    ['no pairs', [{ id: 'A', availableKg: 5 }], [{ id: 'X', maxKg: 5 }], []],
    [
      'a lot with nothing left',
      [{ id: 'A', availableKg: 0 }],
      [{ id: 'X', maxKg: 5 }],
      [{ lotId: 'A', requestId: 'X', distanceKm: 1 }],
    ],
    [
      'a request that wants nothing',
      [{ id: 'A', availableKg: 5 }],
      [{ id: 'X', maxKg: 0 }],
      [{ lotId: 'A', requestId: 'X', distanceKm: 1 }],
    ],
  ])('returns an empty allocation for %s', (_, lots, requests, pairs) => {
    const empty = { flows: [], totalKg: 0, tonneKm: 0, belowMinimumRequestIds: [] };
    expect(allocateMinTonneKm(lots, requests, pairs)).toEqual(empty);
    expect(greedyNearestFirst(lots, requests, pairs)).toEqual(empty);
  });

  it('keeps the shortest distance of a pair given twice', () => {
    const res = allocateMinTonneKm(
      [{ id: 'A', availableKg: 1 }],
      [{ id: 'X', maxKg: 1 }],
      [
        { lotId: 'A', requestId: 'X', distanceKm: 9 },
        { lotId: 'A', requestId: 'X', distanceKm: 3 },
      ],
    );
    expect(res.flows).toEqual([{ lotId: 'A', requestId: 'X', kg: 1, distanceKm: 3 }]);
  });

  it('lists requests served below their minimum', () => {
    const res = allocateMinTonneKm(
      [{ id: 'A', availableKg: 4 }],
      [
        { id: 'X', maxKg: 10, minKg: 6 },
        { id: 'Y', maxKg: 10, minKg: 6 },
      ],
      [{ lotId: 'A', requestId: 'X', distanceKm: 1 }],
    );
    expect(res.belowMinimumRequestIds).toEqual(['X']);
  });

  it.each([
    [
      'a duplicate lot id',
      [
        { id: 'A', availableKg: 1 },
        { id: 'A', availableKg: 2 },
      ],
      [],
      [],
    ],
    ['a negative quantity', [{ id: 'A', availableKg: -1 }], [], []],
    [
      'a pair to an unknown request',
      [{ id: 'A', availableKg: 1 }],
      [],
      [{ lotId: 'A', requestId: 'Z', distanceKm: 1 }],
    ],
    [
      'a NaN distance',
      [{ id: 'A', availableKg: 1 }],
      [{ id: 'X', maxKg: 1 }],
      [{ lotId: 'A', requestId: 'X', distanceKm: Number.NaN }],
    ],
  ])('rejects %s with a validation error', (_, lots, requests, pairs) => {
    for (const solve of [allocateMinTonneKm, greedyNearestFirst]) {
      expect(() => solve(lots, requests, pairs)).toThrow(DomainError);
      try {
        solve(lots, requests, pairs);
      } catch (e) {
        expect((e as DomainError).code).toBe('VALIDATION');
      }
    }
  });

  it('stays exact on a medium instance with many equal distances', () => {
    const inst = randomInstance(77, { lots: 40, requests: 40, maxKg: 60, density: 0.15 });
    for (const p of inst.pairs) p.distanceKm = p.distanceKm % 2;
    const res = allocateMinTonneKm(inst.lots, inst.requests, inst.pairs);
    expectFeasible(res, inst);
    const ref = sspReference(inst);
    expect({ kg: res.totalKg, cost: kgKm(res) }).toEqual(ref);
  });
});

describe('findCandidatePairs', () => {
  it('finds exactly the compatible pairs within each radius', () => {
    const r = rng(5);
    const at = () => ({ lat: 43 + r() * 6, lon: -1 + r() * 7 });
    const lots = Array.from({ length: 300 }, (_, i) => ({
      id: `L${i}`,
      availableKg: 1,
      kind: i % 3,
      ...at(),
    }));
    const requests = Array.from({ length: 200 }, (_, i) => ({
      id: `R${i}`,
      maxKg: 1,
      radiusKm: r() * 120,
      kind: i % 3,
      ...at(),
    }));
    const compatible = (l: { kind: number }, q: { kind: number }) => l.kind === q.kind;
    const expected = requests.flatMap((q) =>
      lots
        .filter((l) => compatible(l, q) && haversineKm(l, q) <= q.radiusKm)
        .map((l) => ({ lotId: l.id, requestId: q.id, distanceKm: haversineKm(l, q) })),
    );
    expect(expected.length).toBeGreaterThan(100);
    expect(findCandidatePairs(lots, requests, compatible)).toEqual(expected);
  });

  it('handles a zero radius and the antimeridian', () => {
    const lots = [
      { id: 'same', lat: 45, lon: 3, availableKg: 1 },
      { id: 'east', lat: -17, lon: 179.9, availableKg: 1 },
    ];
    const requests = [
      { id: 'here', lat: 45, lon: 3, radiusKm: 0, maxKg: 1 },
      { id: 'west', lat: -17, lon: -179.9, radiusKm: 30, maxKg: 1 },
    ];
    const pairs = findCandidatePairs(lots, requests);
    expect(pairs.map((p) => `${p.lotId}>${p.requestId}`)).toEqual(['same>here', 'east>west']);
  });
});

describe('allocation input errors list every problem with its path', () => {
  function fields(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      if (e instanceof DomainError) return { key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }

  it('collects duplicate ids, bad amounts, unknown endpoints and bad distances in one error', () => {
    const lots = [
      { id: 'a', availableKg: 1 },
      { id: 'a', availableKg: -1 },
      { id: 'b', availableKg: '5' as unknown as number },
      { id: 'c', availableKg: Number.POSITIVE_INFINITY },
    ];
    const requests = [
      { id: 'r', maxKg: 1 },
      { id: 'r', maxKg: Number.NaN, minKg: -1 },
    ];
    const pairs = [
      { lotId: 'zz', requestId: 'r', distanceKm: 1 },
      { lotId: 'a', requestId: 'r', distanceKm: -1 },
      { lotId: 'a', requestId: 'nope', distanceKm: 1 },
    ];
    expect(fields(() => allocateMinTonneKm(lots, requests, pairs))).toEqual({
      key: 'allocation.invalidInput',
      fields: [
        { path: 'lots.1.id', key: 'allocation.duplicateId' },
        { path: 'lots.1.availableKg', key: 'allocation.invalidKg' },
        { path: 'lots.2.availableKg', key: 'allocation.invalidKg' },
        { path: 'lots.3.availableKg', key: 'allocation.invalidKg' },
        { path: 'requests.1.id', key: 'allocation.duplicateId' },
        { path: 'requests.1.maxKg', key: 'allocation.invalidKg' },
        { path: 'requests.1.minKg', key: 'allocation.invalidKg' },
        { path: 'pairs.0', key: 'allocation.unknownEndpoint' },
        { path: 'pairs.1.distanceKm', key: 'allocation.invalidDistance' },
        { path: 'pairs.2', key: 'allocation.unknownEndpoint' },
      ],
    });
  });

  it('refuses a bad total', () => {
    expect(
      fields(() =>
        allocateMinTonneKm([{ id: 'a', availableKg: 1 }], [{ id: 'r', maxKg: 1 }], [], { totalKg: -1 }),
      ),
    ).toEqual({
      key: 'allocation.invalidInput',
      fields: [{ path: 'options.totalKg', key: 'allocation.invalidKg' }],
    });
  });
});

describe('allocation results: order, duplicates, minimums', () => {
  const solvers = [
    ['allocateMinTonneKm', allocateMinTonneKm],
    ['greedyNearestFirst', greedyNearestFirst],
  ] as const;

  it.each(solvers)('%s sorts flows by lot id then request id', (_name, solve) => {
    const result = solve(
      [
        { id: 'b', availableKg: 2 },
        { id: 'a', availableKg: 2 },
      ],
      [
        { id: 'y', maxKg: 2 },
        { id: 'x', maxKg: 2 },
      ],
      [
        { lotId: 'b', requestId: 'y', distanceKm: 1 },
        { lotId: 'a', requestId: 'x', distanceKm: 1 },
        { lotId: 'b', requestId: 'x', distanceKm: 5 },
        { lotId: 'a', requestId: 'y', distanceKm: 5 },
      ],
    );
    expect(result.flows.map((f) => `${f.lotId}>${f.requestId}`)).toEqual(['a>x', 'b>y']);
  });

  it.each(solvers)('%s keeps the shortest of duplicate pairs, in one flow', (_name, solve) => {
    for (const pairs of [
      [
        { lotId: 'a', requestId: 'r', distanceKm: 3 },
        { lotId: 'a', requestId: 'r', distanceKm: 5 },
      ],
      [
        { lotId: 'a', requestId: 'r', distanceKm: 5 },
        { lotId: 'a', requestId: 'r', distanceKm: 3 },
      ],
    ]) {
      expect(solve([{ id: 'a', availableKg: 4 }], [{ id: 'r', maxKg: 10 }], pairs).flows).toEqual([
        { lotId: 'a', requestId: 'r', kg: 4, distanceKm: 3 },
      ]);
    }
  });

  it.each(solvers)(
    '%s lists requests served below their minimum, sorted, and not those served exactly',
    (_n, solve) => {
      const result = solve(
        [{ id: 'a', availableKg: 9 }],
        [
          { id: 'z', maxKg: 10, minKg: 4 },
          { id: 'm', maxKg: 10, minKg: 5 },
          { id: 'b', maxKg: 10, minKg: 3 },
        ],
        [
          { lotId: 'a', requestId: 'z', distanceKm: 1 },
          { lotId: 'a', requestId: 'm', distanceKm: 2 },
          { lotId: 'a', requestId: 'b', distanceKm: 3 },
        ],
        ...([] as []),
      );
      // z takes 9 ≥ 4 when it is nearest; the others get nothing: none is partial.
      expect(result.belowMinimumRequestIds).toEqual([]);
      const partial = solve(
        [
          { id: 'a', availableKg: 2 },
          { id: 'c', availableKg: 5 },
        ],
        [
          { id: 'z', maxKg: 10, minKg: 4 },
          { id: 'm', maxKg: 10, minKg: 5 },
        ],
        [
          { lotId: 'a', requestId: 'z', distanceKm: 1 },
          { lotId: 'c', requestId: 'm', distanceKm: 1 },
        ],
      );
      expect(partial.belowMinimumRequestIds).toEqual(['z']);
      const both = solve(
        [
          { id: 'a', availableKg: 2 },
          { id: 'c', availableKg: 3 },
        ],
        [
          { id: 'z', maxKg: 10, minKg: 4 },
          { id: 'm', maxKg: 10, minKg: 5 },
        ],
        [
          { lotId: 'a', requestId: 'z', distanceKm: 1 },
          { lotId: 'c', requestId: 'm', distanceKm: 1 },
        ],
      );
      expect(both.belowMinimumRequestIds).toEqual(['m', 'z']);
    },
  );

  it('greedy takes the nearest pair first, ties by lot id then request id', () => {
    const lots = [
      { id: 'b', availableKg: 10 },
      { id: 'a', availableKg: 10 },
    ];
    const one = [{ id: 'r', maxKg: 10 }];
    expect(
      greedyNearestFirst(lots, one, [
        { lotId: 'a', requestId: 'r', distanceKm: 9 },
        { lotId: 'b', requestId: 'r', distanceKm: 2 },
      ]).flows.map((f) => f.lotId),
    ).toEqual(['b']);
    expect(
      greedyNearestFirst(lots, one, [
        { lotId: 'b', requestId: 'r', distanceKm: 5 },
        { lotId: 'a', requestId: 'r', distanceKm: 5 },
      ]).flows.map((f) => f.lotId),
    ).toEqual(['a']);
    const two = [
      { id: 's', maxKg: 10 },
      { id: 'r', maxKg: 10 },
    ];
    expect(
      greedyNearestFirst([{ id: 'a', availableKg: 10 }], two, [
        { lotId: 'a', requestId: 's', distanceKm: 5 },
        { lotId: 'a', requestId: 'r', distanceKm: 5 },
      ]).flows.map((f) => f.requestId),
    ).toEqual(['r']);
  });
});

describe('findCandidatePairs over the whole globe', () => {
  const brute = <
    L extends { id: string; lat: number; lon: number },
    R extends { id: string; lat: number; lon: number; radiusKm: number },
  >(
    lots: L[],
    requests: R[],
  ) =>
    requests.flatMap((q) =>
      lots
        .filter((l) => haversineKm(l, q) <= q.radiusKm)
        .map((l) => ({ lotId: l.id, requestId: q.id, distanceKm: haversineKm(l, q) })),
    );

  it('equals brute force near the poles, the antimeridian and with wide radii', () => {
    const r = rng(11);
    const spots = [
      () => ({ lat: -90 + r() * 180, lon: -180 + r() * 360 }),
      () => ({ lat: 85 + r() * 5, lon: -180 + r() * 360 }),
      () => ({ lat: -90 + r() * 4, lon: -180 + r() * 360 }),
      () => ({ lat: -20 + r() * 40, lon: r() < 0.5 ? 178 + r() * 2 : -180 + r() * 2 }),
    ];
    const at = (i: number) => spots[i % spots.length]!();
    const lots = Array.from({ length: 400 }, (_, i) => ({ id: `L${i}`, availableKg: 1, ...at(i) }));
    const requests = Array.from({ length: 120 }, (_, i) => ({
      id: `R${i}`,
      maxKg: 1,
      radiusKm: [5, 80, 400, 1500][i % 4]! * r(),
      ...at(i + 1),
    }));
    const expected = brute(lots, requests);
    expect(expected.length).toBeGreaterThan(200);
    expect(findCandidatePairs(lots, requests)).toEqual(expected);
  });

  it.each([
    ['a lot on the antimeridian itself', { lat: 10.1, lon: 180 }, { lat: 10.1, lon: 179.99, radiusKm: 2 }],
    [
      'a lot on the antimeridian, from the west',
      { lat: 10.1, lon: 180 },
      { lat: 10.1, lon: -179.99, radiusKm: 2 },
    ],
    ['a lot at the north pole', { lat: 90, lon: 0 }, { lat: 89.9, lon: 123, radiusKm: 20 }],
    ['a request at the north pole', { lat: 89.95, lon: -70 }, { lat: 90, lon: 0, radiusKm: 10 }],
    ['a lot due north at the very edge', { lat: 46.9, lon: 3 }, { lat: 45, lon: 3, radiusKm: Number.NaN }],
    ['a lot due east at the very edge', { lat: 0, lon: 4.9 }, { lat: 0, lon: 3, radiusKm: Number.NaN }],
  ])('finds %s exactly once', (_name, lot, request) => {
    // NaN: the radius is the exact distance, so the lot sits on the edge of the circle.
    const radiusKm = Number.isNaN(request.radiusKm) ? haversineKm(lot, request) : request.radiusKm;
    const lots = [{ id: 'l', availableKg: 1, ...lot }];
    const requests = [{ id: 'q', maxKg: 1, ...request, radiusKm }];
    const expected = brute(lots, requests);
    expect(expected).toHaveLength(1);
    expect(findCandidatePairs(lots, requests)).toEqual(expected);
  });
});
