import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  groupBy,
  type ImpactLine,
  impactDimensions,
  impactTotals,
  monthRange,
  parisMonth,
  toImpactLine,
  topFlows,
} from './aggregate.ts';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import { computeTradeImpact } from './impact.ts';

const V1 = '2026-11-defra-ice-v1';
const V2 = '2027-03-ademe-v2';

const line = (over: Partial<ImpactLine> & Pick<ImpactLine, 'tradeId' | 'completedAt'>): ImpactLine => ({
  originSiteId: 'A',
  destinationSiteId: 'B',
  materialFamily: 'wood',
  sector: 'bois',
  departement: '69',
  region: '84',
  territoryType: 'rural',
  massKg: 0,
  massMeasured: true,
  distanceKm: 0,
  tonneKm: 0,
  avoidedKgCo2e: 0,
  transportKgCo2e: 0,
  netKgCo2e: 0,
  factorMissing: false,
  factorVersion: V1,
  ...over,
});

const lines: ImpactLine[] = [
  line({
    tradeId: 't1',
    completedAt: '2026-01-15T10:00:00Z',
    massKg: 10,
    distanceKm: 5,
    tonneKm: 0.05,
    avoidedKgCo2e: 2.3,
    transportKgCo2e: 1.5,
    netKgCo2e: 0.8,
  }),
  // 23:30 UTC on 31 January is 00:30 on 1 February in Paris.
  line({
    tradeId: 't2',
    completedAt: '2026-01-31T23:30:00Z',
    destinationSiteId: 'C',
    massKg: 40,
    massMeasured: false,
    distanceKm: 30,
    tonneKm: 1.2,
    avoidedKgCo2e: 9.2,
    transportKgCo2e: 9.5,
    netKgCo2e: -0.3,
  }),
  line({
    tradeId: 't3',
    completedAt: '2026-02-10T09:00:00+01:00',
    originSiteId: 'D',
    materialFamily: 'textile',
    sector: 'textile',
    departement: '75',
    region: '11',
    territoryType: 'metropolis',
    massKg: 100,
    distanceKm: 31,
    tonneKm: 3.1,
    avoidedKgCo2e: 2000,
    transportKgCo2e: 10,
    netKgCo2e: 1990,
  }),
  // 22:30 UTC on 31 March is 00:30 on 1 April in Paris (summer time, UTC+2).
  line({
    tradeId: 't4',
    completedAt: '2026-03-31T22:30:00Z',
    originSiteId: 'D',
    materialFamily: null,
    sector: 'textile',
    departement: '75',
    region: '11',
    territoryType: 'metropolis',
    massKg: 25,
    distanceKm: 80,
    tonneKm: 2,
    avoidedKgCo2e: 0,
    transportKgCo2e: 25,
    netKgCo2e: -25,
    factorMissing: true,
    factorVersion: V2,
  }),
  line({
    tradeId: 't5',
    completedAt: '2025-12-31T22:59:59Z',
    originSiteId: 'E',
    destinationSiteId: 'A',
    materialFamily: 'metal',
    sector: null,
    departement: null,
    region: null,
    territoryType: null,
    massKg: 200,
    massMeasured: false,
    distanceKm: 120,
    tonneKm: 24,
    avoidedKgCo2e: 600,
    transportKgCo2e: 30,
    netKgCo2e: 570,
    factorVersion: V2,
  }),
];

describe('impactTotals', () => {
  it('adds the lines up (hand-computed)', () => {
    const t = impactTotals(lines);
    expect(t).toMatchObject({
      trades: 5,
      massKg: 375,
      measuredMassKg: 135,
      distanceKm: 266,
      tradesWithin30Km: 2,
      tradesWithin80Km: 4,
      shareWithin30Km: 0.4,
      shareWithin80Km: 0.8,
      averageDistanceKm: 53.2,
      tradesWithMissingFactor: 1,
      factorVersions: [V1, V2],
    });
    expect(t.avoidedKgCo2e).toBeCloseTo(2611.5, 9);
    expect(t.transportKgCo2e).toBeCloseTo(76, 9);
    expect(t.netKgCo2e).toBeCloseTo(2535.5, 9);
    expect(t.tonneKm).toBeCloseTo(30.35, 9);
  });

  it('gives zeros and no shares for no lines', () => {
    expect(impactTotals([])).toEqual({
      trades: 0,
      massKg: 0,
      measuredMassKg: 0,
      avoidedKgCo2e: 0,
      transportKgCo2e: 0,
      netKgCo2e: 0,
      tonneKm: 0,
      distanceKm: 0,
      tradesWithin30Km: 0,
      tradesWithin80Km: 0,
      shareWithin30Km: null,
      shareWithin80Km: null,
      averageDistanceKm: null,
      tradesWithMissingFactor: 0,
      factorVersions: [],
    });
  });

  it('equals the sum of lines built from computed trade impacts', () => {
    const computed = [3, 7, 45].map((distanceKm, i) =>
      toImpactLine(
        computeTradeImpact({
          massKg: 10 * (i + 1),
          massMeasured: i !== 1,
          materialFactorKey: 'wood_average_defra',
          distanceKm,
          factorSet: EMBEDDED_FACTOR_SET,
        }),
        {
          tradeId: `t${i}`,
          completedAt: '2026-05-01T10:00:00Z',
          originSiteId: 'A',
          destinationSiteId: 'B',
          materialFamily: 'wood',
          sector: 'bois',
          departement: '69',
          region: '84',
          territoryType: 'rural',
        },
      ),
    );
    // 60 kg × 0.23096 − 2 × 55 km (default round trips: 110 vehicle-km) × (0.25561 + 0.06128)
    // = 13.8576 − 34.8579; distances and tonne-km stay one way.
    const t = impactTotals(computed);
    expect(t.massKg).toBe(60);
    expect(t.measuredMassKg).toBe(40);
    expect(t.avoidedKgCo2e).toBeCloseTo(13.8576, 9);
    expect(t.transportKgCo2e).toBeCloseTo(34.8579, 9);
    expect(t.netKgCo2e).toBeCloseTo(13.8576 - 34.8579, 9);
    expect(t.tonneKm).toBeCloseTo(0.03 + 0.14 + 1.35, 12);
    expect(t.averageDistanceKm).toBeCloseTo(55 / 3, 12);
  });
});

describe('parisMonth', () => {
  it.each([
    ['2026-01-31T22:59:59Z', '2026-01'],
    ['2026-01-31T23:00:00Z', '2026-02'],
    ['2026-01-31T23:30:00Z', '2026-02'],
    ['2026-02-01T00:30:00+01:00', '2026-02'],
    ['2026-01-31T23:30:00-05:00', '2026-02'],
    ['2026-03-31T21:59:59Z', '2026-03'],
    ['2026-03-31T22:00:00Z', '2026-04'],
    ['2026-10-31T22:59:59Z', '2026-10'],
    ['2026-10-31T23:00:00Z', '2026-11'],
    ['2026-12-31T23:00:00.000Z', '2027-01'],
    ['2026-06-15T12:00Z', '2026-06'],
  ])('%s is %s in Paris', (iso, month) => {
    expect(parisMonth(iso)).toBe(month);
  });

  it.each([
    ['no offset (would depend on the machine time zone)', '2026-01-31T23:30:00'],
    ['a date only', '2026-01-31'],
    ['a day that does not exist', '2026-02-30T10:00:00Z'],
    ['an hour that does not exist', '2026-02-01T25:00:00Z'],
    ['not a date', 'yesterday'],
  ])('refuses %s', (_name, iso) => {
    expect(() => parisMonth(iso)).toThrow(DomainError);
  });
});

describe('monthRange', () => {
  it.each([
    ['2025-11', '2026-02', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-05', '2026-05', ['2026-05']],
    ['2026-05', '2026-04', []],
  ])('%s → %s', (from, to, months) => {
    expect(monthRange(from, to)).toEqual(months);
  });

  it('has 12 months for a year', () => {
    expect(monthRange('2025-12', '2026-11')).toHaveLength(12);
  });

  it('refuses a malformed month', () => {
    expect(() => monthRange('2026-13', '2027-01')).toThrow(DomainError);
  });
});

describe('groupBy', () => {
  const keysAndTrades = (dimension: (typeof impactDimensions)[number]) =>
    groupBy(lines, dimension).map((g) => [g.key, g.totals.trades, g.totals.massKg]);

  it.each([
    [
      'month',
      [
        ['2025-12', 1, 200],
        ['2026-01', 1, 10],
        ['2026-02', 2, 140],
        ['2026-04', 1, 25],
      ],
    ],
    [
      'sector',
      [
        ['bois', 2, 50],
        ['textile', 2, 125],
        [null, 1, 200],
      ],
    ],
    [
      'materialFamily',
      [
        ['metal', 1, 200],
        ['textile', 1, 100],
        ['wood', 2, 50],
        [null, 1, 25],
      ],
    ],
    [
      'site',
      [
        ['A', 2, 50],
        ['D', 2, 125],
        ['E', 1, 200],
      ],
    ],
    [
      'departement',
      [
        ['69', 2, 50],
        ['75', 2, 125],
        [null, 1, 200],
      ],
    ],
    [
      'region',
      [
        ['11', 2, 125],
        ['84', 2, 50],
        [null, 1, 200],
      ],
    ],
    [
      'territoryType',
      [
        ['metropolis', 2, 125],
        ['rural', 2, 50],
        [null, 1, 200],
      ],
    ],
  ] as const)('by %s', (dimension, expected) => {
    expect(keysAndTrades(dimension)).toEqual(expected);
  });

  it('keeps per-group shares and averages', () => {
    const feb = groupBy(lines, 'month').find((g) => g.key === '2026-02')?.totals;
    expect(feb).toMatchObject({
      trades: 2,
      tradesWithin30Km: 1,
      shareWithin30Km: 0.5,
      averageDistanceKm: 30.5,
    });
  });

  it.each(impactDimensions)('groups by %s add up to the totals', (dimension) => {
    const total = impactTotals(lines);
    const groups = groupBy(lines, dimension);
    const sum = (f: (t: (typeof groups)[number]['totals']) => number) =>
      groups.reduce((s, g) => s + f(g.totals), 0);
    expect(sum((t) => t.trades)).toBe(total.trades);
    expect(sum((t) => t.tradesWithin30Km)).toBe(total.tradesWithin30Km);
    expect(sum((t) => t.tradesWithin80Km)).toBe(total.tradesWithin80Km);
    expect(sum((t) => t.tradesWithMissingFactor)).toBe(total.tradesWithMissingFactor);
    for (const field of [
      'massKg',
      'measuredMassKg',
      'avoidedKgCo2e',
      'transportKgCo2e',
      'netKgCo2e',
      'tonneKm',
      'distanceKm',
    ] as const) {
      expect(sum((t) => t[field])).toBeCloseTo(total[field], 9);
    }
  });

  it('buckets by Paris month on each side of a month boundary within one call', () => {
    const around = [
      '2026-01-31T22:00:00Z',
      '2026-01-31T22:59:59Z',
      '2026-01-31T23:00:00Z',
      '2026-01-31T23:59:59Z',
    ].map((completedAt, i) => line({ tradeId: `b${i}`, completedAt, massKg: 1 }));
    expect(groupBy(around, 'month').map((g) => [g.key, g.totals.trades])).toEqual([
      ['2026-01', 2],
      ['2026-02', 2],
    ]);
  });

  it('is empty for no lines', () => {
    expect(groupBy([], 'month')).toEqual([]);
  });
});

describe('topFlows', () => {
  it('ranks origin → destination flows by kg', () => {
    expect(topFlows(lines).map((f) => [f.originSiteId, f.destinationSiteId, f.trades, f.massKg])).toEqual([
      ['E', 'A', 1, 200],
      ['D', 'B', 2, 125],
      ['A', 'C', 1, 40],
      ['A', 'B', 1, 10],
    ]);
    const db = topFlows(lines).find((f) => f.originSiteId === 'D');
    expect(db?.tonneKm).toBeCloseTo(5.1, 12);
    expect(db?.netKgCo2e).toBeCloseTo(1965, 9);
  });

  it('keeps the first N, ties in site order', () => {
    const tied = [
      line({
        tradeId: 'a',
        completedAt: '2026-01-01T00:00:00Z',
        originSiteId: 'Z',
        destinationSiteId: 'A',
        massKg: 5,
      }),
      line({
        tradeId: 'b',
        completedAt: '2026-01-01T00:00:00Z',
        originSiteId: 'M',
        destinationSiteId: 'Q',
        massKg: 5,
      }),
      line({
        tradeId: 'c',
        completedAt: '2026-01-01T00:00:00Z',
        originSiteId: 'M',
        destinationSiteId: 'B',
        massKg: 5,
      }),
    ];
    expect(topFlows(tied, 2).map((f) => `${f.originSiteId}→${f.destinationSiteId}`)).toEqual(['M→B', 'M→Q']);
    expect(topFlows(tied, 0)).toEqual([]);
  });
});

describe('aggregate edges', () => {
  function details(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      if (e instanceof DomainError) return { code: e.code, key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }

  it('lists factor versions sorted, once each', () => {
    const totals = impactTotals([
      line({ tradeId: 'a', completedAt: '2026-03-01T10:00:00Z', factorVersion: V2 }),
      line({ tradeId: 'b', completedAt: '2026-03-01T10:00:00Z', factorVersion: V1 }),
      line({ tradeId: 'c', completedAt: '2026-03-01T10:00:00Z', factorVersion: V2 }),
    ]);
    expect(totals.factorVersions).toEqual([V1, V2]);
  });

  it.each([
    ['nope', { code: 'VALIDATION', key: 'impact.invalidTimestamp', value: 'nope' }],
    [
      '2026-02-30T10:00:00Z',
      { code: 'VALIDATION', key: 'impact.invalidTimestamp', value: '2026-02-30T10:00:00Z' },
    ],
  ])('refuses the timestamp %s with its value', (iso, expected) => {
    expect(details(() => parisMonth(iso))).toEqual(expected);
  });

  it.each([['x2026-01'], ['2026-011'], ['2026-13'], ['2026-00'], ['26-01']])(
    'refuses the month %s with its value',
    (m) => {
      expect(details(() => monthRange(m, '2026-02'))).toEqual({
        code: 'VALIDATION',
        key: 'impact.invalidMonth',
        value: m,
      });
      expect(details(() => monthRange('2026-01', m))).toEqual({
        code: 'VALIDATION',
        key: 'impact.invalidMonth',
        value: m,
      });
    },
  );

  it.each([[['x', null, 'a']], [[null, 'b', 'a']], [['b', 'a', null]], [[null, null, 'a']]])(
    'puts the unknown group last, whatever the line order (%o)',
    (families) => {
      const groups = groupBy(
        families.map((materialFamily, i) =>
          line({ tradeId: `t${i}`, completedAt: '2026-03-01T10:00:00Z', materialFamily }),
        ),
        'materialFamily',
      );
      const known = [...new Set(families.filter((f) => f !== null))].sort();
      expect(groups.map((g) => g.key)).toEqual([...known, null]);
    },
  );
});
