import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import {
  assessTrade,
  DEFAULT_SUBSTITUTION_RATIOS,
  type MethodTradeImpact,
  type MethodTradeInput,
  materialFactorUse,
  pairBreakEven,
  rangeAround,
  splitGivenReceived,
  summariseImpacts,
  validateMethodParametersCsv,
} from './method.ts';
import { type Range, soloTravelEmissions } from './travel.ts';

const fs = EMBEDDED_FACTOR_SET;
const noTransport: Range = { low: 0, central: 0, high: 0 };
const input = (over: Partial<MethodTradeInput>): MethodTradeInput => ({
  tradeId: 't1',
  materialKey: 'oak',
  massKg: 10,
  transportKgCo2e: noTransport,
  travelMode: 'bike',
  travelIsDefault: false,
  ...over,
});

describe('materialFactorUse: factor, proxy or none', () => {
  it.each<[string, string, 'factor' | 'proxy' | 'none', number]>([
    // oak → ICE sawn hardwood 0.24 (class B), reuse route proxied by DEFRA wood re-used 0.03854
    ['oak uses ICE hardwood with the DEFRA wood reuse route', 'oak', 'factor', 0.24 - 0.03854],
    // leather: (2.7 + 5.39) / 2 kg CO2e/m² ÷ 1.2 kg/m²
    ['vegetable-tanned leather uses the per-m² proxy', 'leather_bovine_vegetable', 'proxy', 4.045 / 1.2],
    ['goat leather (no key) uses the same proxy', 'leather_goat_sheep', 'proxy', 4.045 / 1.2],
    ['PMMA uses the DEFRA rigid plastics proxy', 'pmma', 'proxy', 3.35428],
    ['brass uses copper (ICE) as proxy', 'brass', 'proxy', 3.81],
    ['spent grain has nothing', 'spent_grain', 'none', 0],
    ['an unknown material has nothing', 'not_a_material', 'none', 0],
  ])('%s', (_, materialKey, coverage, delta) => {
    const use = materialFactorUse(materialKey, fs);
    expect(use.coverage).toBe(coverage);
    expect(use.deltaKgCo2ePerKg.central).toBeCloseTo(delta, 6);
    expect(use.deltaKgCo2ePerKg.low).toBeLessThanOrEqual(use.deltaKgCo2ePerKg.central);
    expect(use.deltaKgCo2ePerKg.high).toBeGreaterThanOrEqual(use.deltaKgCo2ePerKg.central);
    if (coverage !== 'none')
      expect(use.source).toMatch(coverage === 'proxy' ? /^Proxy: / : /ICE|DEFRA|ADEME/);
  });

  it.each<[string, Range]>([
    ['A', { low: 8, central: 10, high: 12 }],
    ['B', { low: 7, central: 10, high: 13 }],
    ['C', { low: 5, central: 10, high: 15 }],
  ])('class %s spreads the central value', (cls, expected) => {
    const r = rangeAround(10, cls as 'A' | 'B' | 'C');
    expect(r.low).toBeCloseTo(expected.low, 10);
    expect(r.high).toBeCloseTo(expected.high, 10);
  });
});

describe('assessTrade: avoided = mass × ratio × (virgin − reuse), net = avoided − transport', () => {
  const wool = 'wool_yarn';
  const woolRow = fs.materialFactors.find((f) => f.key === wool);
  it.each<[string, Partial<MethodTradeInput>, Range]>([
    [
      '10 kg of oak, no transport: ratio 0.5 / 0.8 / 1, delta class B',
      {},
      {
        low: 10 * 0.5 * (0.24 * 0.7 - 0.03854),
        central: 10 * 0.8 * (0.24 - 0.03854),
        high: 10 * 1 * (0.24 * 1.3 - 0.03854),
      },
    ],
    [
      '10 kg of oak over a 7 km van round trip: low pairs avoided.low with transport.high',
      { transportKgCo2e: soloTravelEmissions({ distanceKm: 7, massKg: 10 }) },
      {
        low: 10 * 0.5 * (0.24 * 0.7 - 0.03854) - 14 * 0.31689 * 1.2,
        central: 10 * 0.8 * (0.24 - 0.03854) - 14 * 0.31689,
        high: 10 * (0.24 * 1.3 - 0.03854) - 14 * 0.31689 * 0.8,
      },
    ],
    [
      'spent grain: excluded family, 0 avoided',
      { materialKey: 'spent_grain' },
      { low: 0, central: 0, high: 0 },
    ],
  ])('%s', (_, over, expected) => {
    const a = assessTrade(input(over), fs);
    expect(a.netKgCo2e.low).toBeCloseTo(expected.low, 8);
    expect(a.netKgCo2e.central).toBeCloseTo(expected.central, 8);
    expect(a.netKgCo2e.high).toBeCloseTo(expected.high, 8);
    expect(a.methodVersion).toBe('impact-method-1.0');
    expect(a.factorVersion).toBe(fs.version);
  });

  it('wool counts 0.6 of a virgin kilo (textile substitution ratio)', () => {
    const a = assessTrade(input({ materialKey: 'wool', massKg: 1 }), fs);
    const delta = (woolRow?.virginKgCo2ePerKg ?? 0) - (woolRow?.reuseKgCo2ePerKg ?? 0);
    expect(a.factorKey).toBe(wool);
    expect(a.avoidedKgCo2e.central).toBeCloseTo(0.6 * delta, 8);
  });

  it('refuses a negative mass', () => {
    expect(() => assessTrade(input({ massKg: -1 }), fs)).toThrow(DomainError);
  });
});

describe('summariseImpacts: totals, coverage, sensitivity', () => {
  const impacts: MethodTradeImpact[] = [
    assessTrade(input({ tradeId: 'a', materialKey: 'wool', massKg: 500 }), fs),
    assessTrade(input({ tradeId: 'b', materialKey: 'oak', massKg: 100 }), fs),
    assessTrade(
      input({
        tradeId: 'c',
        materialKey: 'leather_goat_sheep',
        massKg: 4,
        transportKgCo2e: soloTravelEmissions({ distanceKm: 20, massKg: 4 }),
        travelMode: 'van_diesel',
        travelIsDefault: true,
      }),
      fs,
    ),
    assessTrade(input({ tradeId: 'd', materialKey: 'spent_grain', massKg: 50 }), fs),
    assessTrade(input({ tradeId: 'e', materialKey: 'pmma', massKg: 3 }), fs),
  ];
  const s = summariseImpacts(impacts, fs);

  it('adds every bound and counts each trade once', () => {
    for (const bound of ['low', 'central', 'high'] as const) {
      expect(s.netKgCo2e[bound]).toBeCloseTo(
        impacts.reduce((t, i) => t + i.netKgCo2e[bound], 0),
        8,
      );
    }
    expect(s.trades).toBe(5);
    expect(s.massKg).toBe(657);
    expect(s.defaultTravelTrades).toBe(1);
    expect(() => summariseImpacts([...impacts, impacts[0] as MethodTradeImpact], fs)).toThrow(
      /tradeCountedTwice/,
    );
  });

  it('counts a grouped input as its trades', () => {
    const grouped = summariseImpacts(
      [
        assessTrade(
          input({ tradeId: 'g', materialKey: 'spent_grain', massKg: 50, trades: 7, travelIsDefault: true }),
          fs,
        ),
      ],
      fs,
    );
    expect(grouped.trades).toBe(7);
    expect(grouped.defaultTravelTrades).toBe(7);
    expect(grouped.coverage).toEqual([
      { materialKey: 'spent_grain', coverage: 'none', trades: 7, massKg: 50 },
    ]);
  });

  it('lists what rests on proxies or on nothing, by material, largest mass first', () => {
    expect(s.coverage).toEqual([
      { materialKey: 'spent_grain', coverage: 'none', trades: 1, massKg: 50 },
      { materialKey: 'leather_goat_sheep', coverage: 'proxy', trades: 1, massKg: 4 },
      { materialKey: 'pmma', coverage: 'proxy', trades: 1, massKg: 3 },
    ]);
  });

  it('ranks the five parameters that move the total most, wool first', () => {
    expect(s.sensitivity).toHaveLength(5);
    expect(s.sensitivity[0]?.parameter).toMatch(/wool_yarn|ratio:textile/);
    const params = s.sensitivity.map((l) => l.parameter);
    expect(params).toContain('factor:wool_yarn');
    expect(params).toContain('ratio:textile');
    for (let i = 1; i < s.sensitivity.length; i++) {
      expect(s.sensitivity[i - 1]?.swing ?? 0).toBeGreaterThanOrEqual(s.sensitivity[i]?.swing ?? 0);
    }
    // Exact for a linear total: the ratio row at its high end is the central total plus
    // mass × (high − central) × delta of every textile trade.
    const ratioLine = s.sensitivity.find((l) => l.parameter === 'ratio:textile');
    const delta = materialFactorUse('wool', fs).deltaKgCo2ePerKg.central;
    expect(ratioLine?.netAtHigh).toBeCloseTo(s.netKgCo2e.central + 500 * (0.9 - 0.6) * delta, 6);
    expect(ratioLine?.netAtLow).toBeCloseTo(s.netKgCo2e.central + 500 * (0.3 - 0.6) * delta, 6);
  });
});

describe('splitGivenReceived', () => {
  it('puts a trade in given or received, never both', () => {
    const trades = [
      { id: 1, sellerSiteId: 'me', buyerSiteId: 'x' },
      { id: 2, sellerSiteId: 'x', buyerSiteId: 'me' },
      { id: 3, sellerSiteId: 'x', buyerSiteId: 'y' },
    ];
    const { given, received } = splitGivenReceived(trades, 'me');
    expect(given.map((t) => t.id)).toEqual([1]);
    expect(received.map((t) => t.id)).toEqual([2]);
  });
});

describe('pairBreakEven', () => {
  it.each<[string, { materialKey: string; massKg: number; distanceKm: number }, boolean]>([
    [
      '10 kg of oak 7 km away does not pay its van round trip',
      { materialKey: 'oak', massKg: 10, distanceKm: 7 },
      false,
    ],
    ['100 kg of oak 7 km away does', { materialKey: 'oak', massKg: 100, distanceKm: 7 }, true],
    ['5 kg of wool 50 km away does', { materialKey: 'wool', massKg: 5, distanceKm: 50 }, true],
  ])('%s', (_, pair, worth) => {
    const b = pairBreakEven(pair, fs);
    expect(b.worthTheTrip).toBe(worth);
    expect(b.netKgCo2e.central).toBeCloseTo(b.avoidedKgCo2e.central - b.transportKgCo2e.central, 10);
  });
});

describe('validateMethodParametersCsv refuses bad lines with their reason', () => {
  const header = 'kind,key,low,central,high,source,note';
  it('accepts the defaults written as CSV', () => {
    const lines = Object.values(DEFAULT_SUBSTITUTION_RATIOS).map(
      (r) =>
        `substitution_ratio,${r.family},${r.ratio.low},${r.ratio.central},${r.ratio.high},"${r.source.replaceAll('"', '""')}",`,
    );
    const res = validateMethodParametersCsv([header, ...lines].join('\n'));
    expect(res.ok).toBe(true);
  });
  it.each<[string, string, { line: number; column: string; code: string }]>([
    [
      'a low above the high',
      'material_range,wool_yarn,90,80,70,ICE,',
      { line: 2, column: 'low', code: 'low_above_central' },
    ],
    [
      'a central above the high',
      'material_range,wool_yarn,70,90,80,ICE,',
      { line: 2, column: 'high', code: 'central_above_high' },
    ],
    [
      'a ratio above 1',
      'substitution_ratio,wood,0.5,0.8,1.2,WRAP,',
      { line: 2, column: 'high', code: 'ratio_above_one' },
    ],
    [
      'a missing source',
      'substitution_ratio,wood,0.5,0.8,1,,',
      { line: 2, column: 'source', code: 'missing_source' },
    ],
    [
      'a decimal comma',
      'substitution_ratio,wood,"0,5",0.8,1,x,',
      { line: 2, column: 'low', code: 'not_a_number' },
    ],
    ['an unknown kind', 'ratio,wood,0.5,0.8,1,x,', { line: 2, column: 'kind', code: 'unknown_kind' }],
  ])('%s', (_, row, expected) => {
    const res = validateMethodParametersCsv(`${header}\n${row}`);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.problems).toContainEqual(expect.objectContaining(expected));
  });
  it('reports every bad line, not only the first', () => {
    const res = validateMethodParametersCsv(
      [
        header,
        'substitution_ratio,wood,0.5,0.8,1,ok,',
        'substitution_ratio,metal,0.5,0.8,1.5,x,',
        'material_range,oak,3,2,1,,',
      ].join('\n'),
    );
    expect(res.ok).toBe(false);
    if (!res.ok) expect([...new Set(res.problems.map((p) => p.line))]).toEqual([3, 4]);
  });
});
