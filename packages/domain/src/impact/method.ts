import { getMaterial, type MaterialFamilyKey } from '../materials/taxonomy.ts';
import { DomainError } from '../shared/errors.ts';
import { parseCsv } from './csv.ts';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import { type FactorSet, findMaterialFactor, type MaterialFactor } from './factor-registry.ts';
import { addRanges, type Range, soloTravelEmissions, type TravelMode, zeroRange } from './travel.ts';

/**
 * The impact method, version 1 (docs/impact-method.md): reference scenario, substitution ratios,
 * ranges, proxies and the coverage report. Pure; every figure carries the method version and the
 * factor version it was computed with, so a stored record replays to the same numbers.
 */
export const IMPACT_METHOD_VERSION = 'impact-method-1.0';

/**
 * Uncertainty classes (docs/impact-method.md §5), as a relative half-width around the central value:
 * A: a recent official database (DESNZ/DEFRA, ADEME) ±20 %; B: a cradle-to-gate inventory
 * (ICE v2, 2011, which states about ±30 %) or a secondary citation ±30 %; C: a proxy ±50 %.
 */
export const UNCERTAINTY_CLASSES = { A: 0.2, B: 0.3, C: 0.5 } as const;
export type UncertaintyClass = keyof typeof UNCERTAINTY_CLASSES;

/** The class of a published factor, read from its source line. */
export function uncertaintyClassOf(factor: Pick<MaterialFactor, 'source'>): UncertaintyClass {
  if (/DEFRA|DESNZ|ADEME Base (Carbone|Empreinte|Impacts)/i.test(factor.source)) return 'A';
  return 'B';
}

export function rangeAround(central: number, cls: UncertaintyClass): Range {
  const u = UNCERTAINTY_CLASSES[cls];
  return { low: central * (1 - u), central, high: central * (1 + u) };
}

/** What a reused kilo displaces, per material family (docs/impact-method.md §2). */
export interface SubstitutionRatio {
  family: MaterialFamilyKey;
  ratio: Range;
  source: string;
  assumption: boolean;
}

const MAKER_OFFCUT =
  'Retaille assumption: an offcut taken by a maker replaces a purchase of new material most of the time';

/** Defaults of method v1; a factor-set import may override them (`validateMethodParametersCsv`). */
export const DEFAULT_SUBSTITUTION_RATIOS: Readonly<Record<MaterialFamilyKey, SubstitutionRatio>> = {
  wood: {
    family: 'wood',
    ratio: { low: 0.5, central: 0.8, high: 1 },
    source: MAKER_OFFCUT,
    assumption: true,
  },
  wood_panels: {
    family: 'wood_panels',
    ratio: { low: 0.5, central: 0.8, high: 1 },
    source: MAKER_OFFCUT,
    assumption: true,
  },
  metal: {
    family: 'metal',
    ratio: { low: 0.5, central: 0.8, high: 1 },
    source: MAKER_OFFCUT,
    assumption: true,
  },
  plastic: {
    family: 'plastic',
    ratio: { low: 0.5, central: 0.8, high: 1 },
    source: MAKER_OFFCUT,
    assumption: true,
  },
  glass: {
    family: 'glass',
    ratio: { low: 0.5, central: 0.8, high: 1 },
    source: MAKER_OFFCUT,
    assumption: true,
  },
  textile: {
    family: 'textile',
    ratio: { low: 0.3, central: 0.6, high: 0.9 },
    source:
      'Farrant, Olsen & Wangel (2010), Int J LCA 15:726 "Environmental benefits from reusing clothes": 60 % replacement scenario; range Retaille assumption',
    assumption: false,
  },
  leather: {
    family: 'leather',
    ratio: { low: 0.3, central: 0.6, high: 0.9 },
    source: 'Same as textile (Farrant et al. 2010), Retaille assumption for leather',
    assumption: true,
  },
  paper_cardboard: {
    family: 'paper_cardboard',
    ratio: { low: 0.3, central: 0.6, high: 0.9 },
    source: 'Retaille assumption (packaging and paper are often used where nothing would have been bought)',
    assumption: true,
  },
  ceramics_clay: {
    family: 'ceramics_clay',
    ratio: { low: 0, central: 0.5, high: 1 },
    source: 'Retaille assumption',
    assumption: true,
  },
  electronics: {
    family: 'electronics',
    ratio: { low: 0, central: 0.5, high: 1 },
    source: 'Retaille assumption',
    assumption: true,
  },
  mixed: {
    family: 'mixed',
    ratio: { low: 0, central: 0.5, high: 1 },
    source: 'Retaille assumption',
    assumption: true,
  },
  food_byproducts: {
    family: 'food_byproducts',
    ratio: { low: 0, central: 0, high: 0 },
    source: 'Excluded (docs/impact-method.md §6): a by-product displaces no measurable virgin production',
    assumption: true,
  },
  botanical_perfumery: {
    family: 'botanical_perfumery',
    ratio: { low: 0, central: 0, high: 0 },
    source: 'Excluded (docs/impact-method.md §6)',
    assumption: true,
  },
};

/** A stand-in factor for a material the registry has no (complete) row for, always flagged. */
export interface MaterialProxy {
  materialKey: string;
  /** kg CO2e per kg of virgin material, net of the reuse route. */
  virginKgCo2ePerKg: Range;
  reuseKgCo2ePerKg: number;
  source: string;
}

/** Leather (docs/impact-method.md §7): 2.7-5.39 kg CO2e/m² (farming share, one4leather citing the
 * leather PEFCR), converted with a stated area density of 1.2 kg/m² (low end 1.8, high end 1.0). */
const LEATHER_PER_M2 = { low: 2.7, high: 5.39 };
const LEATHER_KG_PER_M2 = { low: 1.8, central: 1.2, high: 1.0 };
const leatherProxy = (materialKey: string): MaterialProxy => ({
  materialKey,
  virginKgCo2ePerKg: {
    low: LEATHER_PER_M2.low / LEATHER_KG_PER_M2.low,
    central: (LEATHER_PER_M2.low + LEATHER_PER_M2.high) / 2 / LEATHER_KG_PER_M2.central,
    high: LEATHER_PER_M2.high / LEATHER_KG_PER_M2.high,
  },
  reuseKgCo2ePerKg: 0,
  source:
    'Proxy: 2.7-5.39 kg CO2e/m² (bovine hide farming share, one4leather citing leather PEFCR/COTANCE) ÷ 1.2 kg/m² (range 1.8-1.0); excludes tanning, so an underestimate',
});

const fromRow = (materialKey: string, rowKey: string, note: string): MaterialProxy => {
  const row = findMaterialFactor(EMBEDDED_FACTOR_SET, rowKey);
  if (row === undefined) throw new Error(`proxy row ${rowKey} missing from the embedded factor set`);
  return {
    materialKey,
    virginKgCo2ePerKg: rangeAround(row.virginKgCo2ePerKg, 'C'),
    reuseKgCo2ePerKg: row.reuseKgCo2ePerKg ?? 0,
    source: `Proxy: ${row.key} (${row.source.split(' - ')[0]}, ${row.year}) — ${note}`,
  };
};

/** DEFRA 2025 "wood re-used" route, the reuse proxy for solid wood without its own (emission-factors.csv). */
export const WOOD_REUSE_PROXY_KG_PER_KG = 0.03854;

/**
 * Proxies by taxonomy material key, for materials whose factor row is missing or empty. Materials
 * not listed here and without a factor count 0 and are reported as "no factor".
 */
export const MATERIAL_PROXIES: Readonly<Record<string, MaterialProxy>> = {
  leather_bovine_vegetable: leatherProxy('leather_bovine_vegetable'),
  leather_bovine_chrome: leatherProxy('leather_bovine_chrome'),
  leather_split: leatherProxy('leather_split'),
  leather_goat_sheep: leatherProxy('leather_goat_sheep'),
  leather_other: leatherProxy('leather_other'),
  pmma: {
    materialKey: 'pmma',
    virginKgCo2ePerKg: rangeAround(3.35428, 'C'),
    reuseKgCo2ePerKg: 0,
    source:
      "Proxy: DESNZ/DEFRA 2025 'average plastic rigid' 3.35428 kg CO2e/kg for PMMA (emission-factors.csv note, unverified for PMMA)",
  },
  hardboard: fromRow('hardboard', 'mdf', 'fibreboard of the same process'),
  three_ply_panel: fromRow('three_ply_panel', 'plywood', 'glued solid-wood layers'),
  hemp: fromRow('hemp', 'linen_yarn', 'bast fibre like linen'),
  jute: fromRow('jute', 'linen_yarn', 'bast fibre like linen'),
  stainless_steel: fromRow('stainless_steel', 'steel_ice', 'underestimates stainless (alloying elements)'),
  brass: fromRow('brass', 'copper_ice', 'copper alloy'),
  bronze: fromRow('bronze', 'copper_ice', 'copper alloy'),
  petg: fromRow('petg', 'pet_defra', 'PET copolymer'),
  pla: fromRow('pla', 'plastics_average_defra', 'average plastic'),
};

export type FactorCoverage = 'factor' | 'proxy' | 'none';

export interface MaterialFactorUse {
  coverage: FactorCoverage;
  /** The registry key, or `proxy:<materialKey>`; null for none. */
  factorKey: string | null;
  /** virgin − reuse, per kg, as a range. */
  deltaKgCo2ePerKg: Range;
  source: string | null;
  /** The reuse route was not published and a proxy (or 0) stands in. */
  reuseProxied: boolean;
}

/**
 * The factor a material uses under method v1: its registry row (range from its uncertainty
 * class; a solid wood without a reuse route uses DEFRA's wood re-used route, flagged), else a
 * proxy (class C), else none (counts 0, reported).
 */
export function materialFactorUse(materialKey: string, factorSet: FactorSet): MaterialFactorUse {
  const material = getMaterial(materialKey);
  const rowKey = material?.emissionFactorKey ?? null;
  const row = rowKey === null ? undefined : findMaterialFactor(factorSet, rowKey);
  if (row !== undefined) {
    const woodProxy = row.reuseKgCo2ePerKg === null && material?.familyKey === 'wood';
    const reuse = row.reuseKgCo2ePerKg ?? (woodProxy ? WOOD_REUSE_PROXY_KG_PER_KG : 0);
    const virgin = rangeAround(row.virginKgCo2ePerKg, uncertaintyClassOf(row));
    return {
      coverage: 'factor',
      factorKey: row.key,
      deltaKgCo2ePerKg: {
        low: Math.max(0, virgin.low - reuse),
        central: Math.max(0, virgin.central - reuse),
        high: Math.max(0, virgin.high - reuse),
      },
      source: `${row.source} (${row.year})`,
      reuseProxied: row.reuseKgCo2ePerKg === null,
    };
  }
  const proxy = MATERIAL_PROXIES[materialKey];
  if (proxy !== undefined) {
    const r = proxy.reuseKgCo2ePerKg;
    const v = proxy.virginKgCo2ePerKg;
    return {
      coverage: 'proxy',
      factorKey: `proxy:${materialKey}`,
      deltaKgCo2ePerKg: {
        low: Math.max(0, v.low - r),
        central: Math.max(0, v.central - r),
        high: Math.max(0, v.high - r),
      },
      source: proxy.source,
      reuseProxied: true,
    };
  }
  return {
    coverage: 'none',
    factorKey: null,
    deltaKgCo2ePerKg: zeroRange,
    source: null,
    reuseProxied: false,
  };
}

/** The inputs an impact record stores to replay its figures (with the versions it cites). */
export interface MethodTradeInput {
  tradeId: string;
  materialKey: string;
  massKg: number;
  /** Transport charged to this trade (its allocated share of a trip, or the default). */
  transportKgCo2e: Range;
  travelMode: TravelMode;
  /** True when nothing was recorded at handover and `DEFAULT_TRAVEL` was charged. */
  travelIsDefault: boolean;
  /** Trades this input stands for (a group of same-material trades read in one row); default 1. */
  trades?: number;
}

export interface MethodTradeImpact {
  tradeId: string;
  methodVersion: string;
  factorVersion: string;
  materialKey: string;
  familyKey: MaterialFamilyKey | null;
  massKg: number;
  coverage: FactorCoverage;
  factorKey: string | null;
  substitutionRatio: Range;
  avoidedKgCo2e: Range;
  transportKgCo2e: Range;
  /** low = avoided.low − transport.high; high = avoided.high − transport.low. */
  netKgCo2e: Range;
  travelMode: TravelMode;
  travelIsDefault: boolean;
  trades: number;
  sources: string[];
}

/**
 * One trade under method v1 (docs/impact-method.md §3):
 *   avoided = massKg × ratio(family) × (virgin − reuse), bound by bound (low×low, high×high);
 *   net = avoided − transport, with low = avoided.low − transport.high (the pessimistic pair).
 */
export function assessTrade(
  input: MethodTradeInput,
  factorSet: FactorSet,
  ratios: Readonly<Record<MaterialFamilyKey, SubstitutionRatio>> = DEFAULT_SUBSTITUTION_RATIOS,
): MethodTradeImpact {
  if (!(Number.isFinite(input.massKg) && input.massKg >= 0)) {
    throw new DomainError('VALIDATION', 'impact.invalidInput', {
      fields: [{ path: 'massKg', key: 'impact.invalidInput' }],
    });
  }
  const familyKey = getMaterial(input.materialKey)?.familyKey ?? null;
  const use = materialFactorUse(input.materialKey, factorSet);
  const ratio = familyKey === null ? zeroRange : ratios[familyKey].ratio;
  const d = use.deltaKgCo2ePerKg;
  const avoided: Range = {
    low: input.massKg * ratio.low * d.low,
    central: input.massKg * ratio.central * d.central,
    high: input.massKg * ratio.high * d.high,
  };
  const t = input.transportKgCo2e;
  return {
    tradeId: input.tradeId,
    methodVersion: IMPACT_METHOD_VERSION,
    factorVersion: factorSet.version,
    materialKey: input.materialKey,
    familyKey,
    massKg: input.massKg,
    coverage: use.coverage,
    factorKey: use.factorKey,
    substitutionRatio: ratio,
    avoidedKgCo2e: avoided,
    transportKgCo2e: t,
    netKgCo2e: {
      low: avoided.low - t.high,
      central: avoided.central - t.central,
      high: avoided.high - t.low,
    },
    travelMode: input.travelMode,
    travelIsDefault: input.travelIsDefault,
    trades: input.trades ?? 1,
    sources: [use.source, familyKey === null ? null : ratios[familyKey].source].filter(
      (s): s is string => s !== null,
    ),
  };
}

export interface CoverageLine {
  materialKey: string;
  coverage: FactorCoverage;
  trades: number;
  massKg: number;
}

export interface SensitivityLine {
  /** `factor:<key>`, `ratio:<family>` or `travel:<mode>`. */
  parameter: string;
  /** Network net total with this parameter at its low / high (others central). */
  netAtLow: number;
  netAtHigh: number;
  swing: number;
}

export interface MethodSummary {
  methodVersion: string;
  trades: number;
  massKg: number;
  avoidedKgCo2e: Range;
  transportKgCo2e: Range;
  netKgCo2e: Range;
  /** Materials resting on a proxy or on nothing, largest mass first. */
  coverage: CoverageLine[];
  /** The five parameters that move the net total most. */
  sensitivity: SensitivityLine[];
  /** Trades charged the default travel. */
  defaultTravelTrades: number;
}

/**
 * Totals, coverage and sensitivity over trades counted once each (pass each trade once: a
 * site's "given" and "received" views are filters of the same list, never added together).
 * The total range adds bounds (a worst/best envelope, not a confidence interval: §5).
 * Sensitivity is exact because the total is linear in each parameter:
 *   factor k: Σ mass × ratio.central × (Δk.high − Δk.low); ratio f: Σ mass × (r.high − r.low) × Δ.central;
 *   travel m: Σ (transport.high − transport.low).
 */
export function summariseImpacts(
  impacts: readonly MethodTradeImpact[],
  factorSet: FactorSet,
  top = 5,
): MethodSummary {
  const ids = new Set<string>();
  for (const i of impacts) {
    if (ids.has(i.tradeId))
      throw new DomainError('CONFLICT', 'impact.tradeCountedTwice', { tradeId: i.tradeId });
    ids.add(i.tradeId);
  }
  let avoided = zeroRange;
  let transport = zeroRange;
  let net = zeroRange;
  let massKg = 0;
  const coverage = new Map<string, CoverageLine>();
  const swings = new Map<string, { down: number; up: number }>();
  const addSwing = (parameter: string, down: number, up: number) => {
    const s = swings.get(parameter) ?? { down: 0, up: 0 };
    swings.set(parameter, { down: s.down + down, up: s.up + up });
  };
  for (const i of impacts) {
    avoided = addRanges(avoided, i.avoidedKgCo2e);
    transport = addRanges(transport, i.transportKgCo2e);
    net = addRanges(net, i.netKgCo2e);
    massKg += i.massKg;
    if (i.coverage !== 'factor') {
      const line = coverage.get(i.materialKey) ?? {
        materialKey: i.materialKey,
        coverage: i.coverage,
        trades: 0,
        massKg: 0,
      };
      line.trades += i.trades;
      line.massKg += i.massKg;
      coverage.set(i.materialKey, line);
    }
    const d = materialFactorUse(i.materialKey, factorSet).deltaKgCo2ePerKg;
    const r = i.substitutionRatio;
    if (i.factorKey !== null) {
      addSwing(
        `factor:${i.factorKey}`,
        i.massKg * r.central * (d.low - d.central),
        i.massKg * r.central * (d.high - d.central),
      );
    }
    if (i.familyKey !== null && d.central > 0) {
      addSwing(
        `ratio:${i.familyKey}`,
        i.massKg * (r.low - r.central) * d.central,
        i.massKg * (r.high - r.central) * d.central,
      );
    }
    const t = i.transportKgCo2e;
    // More transport lowers the net: the travel parameter at its high end gives the lower net.
    addSwing(`travel:${i.travelMode}`, -(t.high - t.central), t.central - t.low);
  }
  const sensitivity = [...swings.entries()]
    .map(([parameter, s]) => ({
      parameter,
      netAtLow: net.central + s.down,
      netAtHigh: net.central + s.up,
      swing: s.up - s.down,
    }))
    .filter((s) => s.swing > 0)
    .sort((a, b) => b.swing - a.swing || a.parameter.localeCompare(b.parameter))
    .slice(0, top);
  return {
    methodVersion: IMPACT_METHOD_VERSION,
    trades: impacts.reduce((n, i) => n + i.trades, 0),
    massKg,
    avoidedKgCo2e: avoided,
    transportKgCo2e: transport,
    netKgCo2e: net,
    coverage: [...coverage.values()].sort(
      (a, b) => b.massKg - a.massKg || a.materialKey.localeCompare(b.materialKey),
    ),
    sensitivity,
    defaultTravelTrades: impacts.filter((i) => i.travelIsDefault).reduce((n, i) => n + i.trades, 0),
  };
}

/**
 * A site's view: what it gave (sold) and what it received (bought), clearly apart. A site never
 * trades with itself, so each trade lands in at most one list; the network total sums each trade
 * once, never given + received.
 */
export function splitGivenReceived<T extends { sellerSiteId: string; buyerSiteId: string }>(
  trades: readonly T[],
  siteId: string,
): { given: T[]; received: T[] } {
  return {
    given: trades.filter((t) => t.sellerSiteId === siteId),
    received: trades.filter((t) => t.buyerSiteId === siteId && t.sellerSiteId !== siteId),
  };
}

/** Matching's break-even: a pair's estimated net with the default travel (a diesel van round trip). */
export function pairBreakEven(
  args: { materialKey: string; massKg: number; distanceKm: number },
  factorSet: FactorSet,
): { netKgCo2e: Range; transportKgCo2e: Range; avoidedKgCo2e: Range; worthTheTrip: boolean } {
  const transport = soloTravelEmissions({ distanceKm: args.distanceKm, massKg: args.massKg });
  const a = assessTrade(
    {
      tradeId: 'pair',
      materialKey: args.materialKey,
      massKg: args.massKg,
      transportKgCo2e: transport,
      travelMode: 'van_diesel',
      travelIsDefault: true,
    },
    factorSet,
  );
  return {
    netKgCo2e: a.netKgCo2e,
    transportKgCo2e: transport,
    avoidedKgCo2e: a.avoidedKgCo2e,
    worthTheTrip: a.netKgCo2e.central >= 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Method parameters import: substitution ratios and factor ranges, checked line by line.

export const METHOD_PARAMETER_COLUMNS = ['kind', 'key', 'low', 'central', 'high', 'source', 'note'] as const;
export const methodParameterKinds = ['substitution_ratio', 'material_range', 'travel_factor'] as const;

export interface MethodParameterProblem {
  line: number | null;
  column: string | null;
  code:
    | 'csv_syntax'
    | 'missing_column'
    | 'field_count'
    | 'unknown_kind'
    | 'not_a_number'
    | 'low_above_central'
    | 'central_above_high'
    | 'ratio_above_one'
    | 'missing_source';
  message: string;
}

export interface MethodParameter {
  kind: (typeof methodParameterKinds)[number];
  key: string;
  value: Range;
  source: string;
  note: string;
}

/**
 * Validates a method-parameters CSV (`kind,key,low,central,high,source,note`). Every bad line is
 * reported with its line number, column and reason: a low above the central or a central above
 * the high, a ratio above 1, a missing source, an amount that is not a non-negative number.
 */
export function validateMethodParametersCsv(
  csvText: string,
): { ok: true; parameters: MethodParameter[] } | { ok: false; problems: MethodParameterProblem[] } {
  const parsed = parseCsv(csvText);
  if (!parsed.ok)
    return {
      ok: false,
      problems: [{ line: parsed.line, column: null, code: 'csv_syntax', message: parsed.message }],
    };
  const [header, ...rows] = parsed.records;
  const names = header?.fields.map((f) => f.trim()) ?? [];
  const missing = METHOD_PARAMETER_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((c) => ({
        line: header?.line ?? null,
        column: c,
        code: 'missing_column',
        message: `no ${c} column`,
      })),
    };
  }
  const problems: MethodParameterProblem[] = [];
  const parameters: MethodParameter[] = [];
  for (const row of rows) {
    if (row.fields.length !== names.length) {
      problems.push({
        line: row.line,
        column: null,
        code: 'field_count',
        message: `${row.fields.length} fields where the header has ${names.length}`,
      });
      continue;
    }
    const get = (c: (typeof METHOD_PARAMETER_COLUMNS)[number]) => (row.fields[names.indexOf(c)] ?? '').trim();
    const before = problems.length;
    const report = (column: string, code: MethodParameterProblem['code'], message: string) =>
      problems.push({ line: row.line, column, code, message });
    const kind = get('kind');
    if (!(methodParameterKinds as readonly string[]).includes(kind))
      report('kind', 'unknown_kind', `"${kind}" is not one of ${methodParameterKinds.join(', ')}`);
    const num = (c: 'low' | 'central' | 'high') => {
      const v = get(c);
      if (!/^\d+(?:\.\d+)?$/.test(v)) {
        report(c, 'not_a_number', `"${v}" is not a non-negative number`);
        return Number.NaN;
      }
      return Number(v);
    };
    const value = { low: num('low'), central: num('central'), high: num('high') };
    if (value.low > value.central)
      report('low', 'low_above_central', `low ${value.low} is above central ${value.central}`);
    if (value.central > value.high)
      report('high', 'central_above_high', `central ${value.central} is above high ${value.high}`);
    if (kind === 'substitution_ratio') {
      for (const c of ['low', 'central', 'high'] as const) {
        if (value[c] > 1) report(c, 'ratio_above_one', `a substitution ratio cannot exceed 1 (${value[c]})`);
      }
    }
    const source = get('source');
    if (source === '' || /^not found$/i.test(source)) report('source', 'missing_source', 'source is missing');
    if (problems.length === before) {
      parameters.push({
        kind: kind as MethodParameter['kind'],
        key: get('key'),
        value,
        source,
        note: get('note'),
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, parameters };
}
