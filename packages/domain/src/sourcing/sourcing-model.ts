import type { MaterialKey } from '../materials/taxonomy.ts';
import { getUnit, type UnitKey } from '../materials/units.ts';
import type { BomLine } from './bom.ts';

/**
 * Sourcing a bill of materials as a mixed-integer program, built here as CPLEX LP text and read
 * back from the solver's values; the solver call itself (HiGHS) lives in services. Pure.
 *
 *   minimise   Σ price_j · x_lj                       goods, cents
 *            + Σ_s y_s · (2 · km_s · centsPerKm + centsPerSeller)   trips, one per seller visited
 *            + Σ_l P · u_l                              quantity left uncovered (`uncoveredPenaltyCents`)
 *   subject to Σ_j x_lj + u_l ≥ q_l                    (cover_l)  each line covered…
 *              Σ_l x_lj ≤ available_j                   (stock_j)  a lot shared by lines is not oversold
 *              x_lj − min(q_l, available_j) · y_s(j) ≤ 0 (link_lj) buying from a seller means visiting it
 *              Σ_s min(q_l, Σ_{j of s} min(q_l, available_j)) · y_s + u_l ≥ q_l   (reach_l) implied, tightens
 *              x_lj ≥ 0, integer for counted units (pieces, sheets, rolls); y_s binary; u_l ≥ 0
 *
 * The uncovered quantity u_l carries a penalty above what covering a unit can cost, so the program is always
 * feasible and a line that the lots cannot cover (together: lots shared between lines) comes back
 * with its shortfall instead of an "infeasible" with no reason. The visit cost is charged for
 * every seller; with at least one line to buy, the first visit is a constant, so this minimises
 * the cost "per extra seller visited". The km of a seller are its round trip from the buyer: an
 * upper bound of what a tour through the chosen sellers drives (plan it with `planTour`).
 *
 * Candidates are pre-filtered (`selectCandidates`): lots within the radius, of an accepted
 * material, in the line's unit, with pieces at least as large as the line's minimum, and only
 * the `perSeller` cheapest lots of each seller for each line, then at most `maxPerLine` per line,
 * so a 100k-lot catalogue gives a program of a few hundred columns.
 */

export interface SourcingLot {
  id: string;
  sellerId: string;
  material: MaterialKey;
  unit: UnitKey;
  /** Available quantity, in `unit`. */
  available: number;
  priceCentsPerUnit: number;
  /** Road km from the buyer to the lot's site. */
  distanceKm: number;
  lengthMm?: number | null;
  widthMm?: number | null;
  thicknessMm?: number | null;
}

export interface SourcingCosts {
  /** Cost of a km driven, cents (fuel, wear, time). */
  centsPerKm: number;
  /** Cost of stopping at one more seller, cents. */
  centsPerSeller: number;
}

export interface CandidateOptions {
  radiusKm: number;
  /** Lots kept per line and per seller (the cheapest). */
  perSeller: number;
  /**
   * Lots kept per line at most, by unit price plus the seller's trip spread over the line's
   * quantity. This cut is a heuristic (a seller dropped for one line might have been worth its
   * trip for several); the program is exact over the lots it keeps.
   */
  maxPerLine: number;
}

export const DEFAULT_CANDIDATE_OPTIONS: CandidateOptions = { radiusKm: 50, perSeller: 3, maxPerLine: 40 };

/**
 * Cents per uncovered unit: more than covering one more unit can cost (the dearest candidate
 * price plus every trip), so the program first covers all it can. Kept that tight rather than
 * "1e9": the solver's relative gap is measured on the whole objective, and a huge penalty in it
 * would let a plan 100 € too dear pass as optimal.
 */
export function uncoveredPenaltyCents(
  candidates: readonly LineCandidates[],
  tripCents: readonly number[],
): number {
  let maxPrice = 0;
  for (const c of candidates) for (const lot of c.lots) maxPrice = Math.max(maxPrice, lot.priceCentsPerUnit);
  return Math.ceil(maxPrice + tripCents.reduce((s, t) => s + t, 0)) + 100;
}

export type UncoveredReason = 'sourcing.noCandidate' | 'sourcing.notEnoughQuantity';

export interface LineCandidates {
  line: BomLine;
  lots: SourcingLot[];
}

const fits = (min: number | null, actual: number | null | undefined) => min === null || (actual ?? 0) >= min;

/**
 * The lots each line may use: within `radiusKm`, of an accepted material, in the line's unit,
 * large enough, and the `perSeller` cheapest per seller. O(lines × lots); sorted for determinism.
 */
export function selectCandidates(
  lines: readonly BomLine[],
  lots: readonly SourcingLot[],
  options: CandidateOptions = DEFAULT_CANDIDATE_OPTIONS,
  costs: SourcingCosts = { centsPerKm: 0, centsPerSeller: 0 },
): LineCandidates[] {
  // Lots indexed once by material and unit, so each line reads only its own (100k lots × 12
  // lines was 1.2 M checks; this is one pass plus the lines' matches).
  const index = new Map<string, SourcingLot[]>();
  for (const lot of lots) {
    const key = `${lot.material}|${lot.unit}`;
    const list = index.get(key);
    if (list) list.push(lot);
    else index.set(key, [lot]);
  }
  return lines.map((line) => {
    const bySeller = new Map<string, SourcingLot[]>();
    for (const lot of line.accepted.flatMap((m) => index.get(`${m}|${line.unit}`) ?? [])) {
      // A lot with a missing or absurd number is not a candidate (and would not be valid LP text).
      if (!(lot.distanceKm >= 0 && lot.distanceKm <= options.radiusKm)) continue;
      if (!(lot.available > 0 && Number.isFinite(lot.available))) continue;
      if (!(lot.priceCentsPerUnit >= 0 && Number.isFinite(lot.priceCentsPerUnit))) continue;
      if (!fits(line.minLengthMm, lot.lengthMm) || !fits(line.minWidthMm, lot.widthMm)) continue;
      if (!fits(line.minThicknessMm, lot.thicknessMm)) continue;
      const list = bySeller.get(lot.sellerId) ?? [];
      bySeller.set(lot.sellerId, list);
      list.push(lot);
    }
    let kept: SourcingLot[] = [];
    for (const list of bySeller.values()) {
      list.sort((a, b) => a.priceCentsPerUnit - b.priceCentsPerUnit || (a.id < b.id ? -1 : 1));
      kept.push(...list.slice(0, options.perSeller));
    }
    if (kept.length > options.maxPerLine) {
      const rank = (lot: SourcingLot) =>
        lot.priceCentsPerUnit +
        (2 * lot.distanceKm * costs.centsPerKm + costs.centsPerSeller) / line.quantity;
      kept = kept
        .map((lot) => ({ lot, r: rank(lot) }))
        .sort((a, b) => a.r - b.r || (a.lot.id < b.lot.id ? -1 : 1))
        .slice(0, options.maxPerLine)
        .map((x) => x.lot);
    }
    kept.sort((a, b) => (a.sellerId < b.sellerId ? -1 : a.sellerId > b.sellerId ? 1 : a.id < b.id ? -1 : 1));
    return { line, lots: kept };
  });
}

export interface SourcingColumn {
  name: string;
  kind: 'buy' | 'visit' | 'uncovered';
  lineIndex: number;
  lotId: string | null;
  sellerId: string | null;
}

export interface SourcingModel {
  /** CPLEX LP text for the solver. */
  lp: string;
  columns: SourcingColumn[];
  candidates: LineCandidates[];
  /** Lines no candidate could cover even alone, with the reason (still in the model, as shortfall). */
  uncoveredBeforeSolve: { lineId: string; reason: UncoveredReason }[];
  sellers: { sellerId: string; distanceKm: number }[];
  costs: SourcingCosts;
}

/** A finite number in LP syntax (no `NaN`, no locale). */
const lpNum = (x: number) => {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite LP coefficient: ${x}`);
  return String(Number(x.toPrecision(15)));
};

/**
 * Builds the program above from the candidates. Column names are short and safe for the LP
 * format (`x<line>_<k>`, `y<seller>`, `u<line>`); `columns` maps them back.
 */
export function buildSourcingModel(
  candidates: readonly LineCandidates[],
  costs: SourcingCosts,
): SourcingModel {
  const columns: SourcingColumn[] = [];
  const sellerIndex = new Map<string, number>();
  const sellers: { sellerId: string; distanceKm: number }[] = [];
  const lotUses = new Map<string, { column: string; available: number }[]>();
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const generals: string[] = [];
  const binaries: string[] = [];
  const uncoveredBeforeSolve: SourcingModel['uncoveredBeforeSolve'] = [];
  const penaltyTerms: string[] = [];

  candidates.forEach(({ line, lots }, l) => {
    const integer = getUnit(line.unit).integer;
    const cover: string[] = [];
    const sellerSupply = new Map<number, number>();
    const sellerColumns = new Map<number, string[]>();
    let supply = 0;
    lots.forEach((lot, k) => {
      let s = sellerIndex.get(lot.sellerId);
      if (s === undefined) {
        s = sellers.length;
        sellerIndex.set(lot.sellerId, s);
        sellers.push({ sellerId: lot.sellerId, distanceKm: lot.distanceKm });
      } else if (lot.distanceKm < sellers[s]!.distanceKm) {
        sellers[s]!.distanceKm = lot.distanceKm;
      }
      const name = `x${l}_${k}`;
      const upper = Math.min(line.quantity, lot.available);
      supply += lot.available;
      sellerSupply.set(s, (sellerSupply.get(s) ?? 0) + upper);
      sellerColumns.set(s, [...(sellerColumns.get(s) ?? []), name]);
      columns.push({ name, kind: 'buy', lineIndex: l, lotId: lot.id, sellerId: lot.sellerId });
      objective.push(` + ${lpNum(lot.priceCentsPerUnit)} ${name}`);
      cover.push(` + ${name}`);
      rows.push(` link${l}_${k}: ${name} - ${lpNum(upper)} y${s} <= 0\n`);
      bounds.push(` 0 <= ${name} <= ${lpNum(upper)}\n`);
      if (integer) generals.push(` ${name}\n`);
      const uses = lotUses.get(lot.id) ?? [];
      lotUses.set(lot.id, uses);
      uses.push({ column: name, available: lot.available });
    });
    if (lots.length === 0) uncoveredBeforeSolve.push({ lineId: line.id, reason: 'sourcing.noCandidate' });
    else if (supply < line.quantity)
      uncoveredBeforeSolve.push({ lineId: line.id, reason: 'sourcing.notEnoughQuantity' });
    const u = `u${l}`;
    columns.push({ name: u, kind: 'uncovered', lineIndex: l, lotId: null, sellerId: null });
    penaltyTerms.push(u);
    rows.push(` cover${l}:${cover.join('')} + ${u} >= ${lpNum(line.quantity)}\n`);
    // Implied too, tighter than the lots' links when a seller has several lots for the line:
    // what the line takes from one seller is at most the line's quantity, if it is visited.
    for (const [seller, names] of sellerColumns) {
      if (names.length < 2) continue;
      const cap = Math.min(sellerSupply.get(seller)!, line.quantity);
      rows.push(
        ` sl${l}_${seller}:${names.map((x) => ` + ${x}`).join('')} - ${lpNum(cap)} y${seller} <= 0\n`,
      );
    }
    // Implied by the rows above, but tightens the relaxation a lot when lots are small: the
    // sellers visited must hold enough for the line.
    if (sellerSupply.size > 1) {
      const terms = [...sellerSupply].map(
        ([seller, q]) => ` + ${lpNum(Math.min(q, line.quantity))} y${seller}`,
      );
      rows.push(` reach${l}:${terms.join('')} + ${u} >= ${lpNum(line.quantity)}\n`);
    }
  });
  let j = 0;
  for (const uses of lotUses.values()) {
    if (uses.length > 1) {
      rows.push(` stock${j}:${uses.map((x) => ` + ${x.column}`).join('')} <= ${lpNum(uses[0]!.available)}\n`);
    }
    j++;
  }
  const trips = sellers.map((seller) => 2 * seller.distanceKm * costs.centsPerKm + costs.centsPerSeller);
  const penalty = uncoveredPenaltyCents(candidates, trips);
  for (const u of penaltyTerms) objective.push(` + ${lpNum(penalty)} ${u}`);
  sellers.forEach((seller, s) => {
    const name = `y${s}`;
    columns.push({ name, kind: 'visit', lineIndex: -1, lotId: null, sellerId: seller.sellerId });
    objective.push(` + ${lpNum(trips[s]!)} ${name}`);
    binaries.push(` ${name}\n`);
  });

  // Assembled from chunks: one string per term or row, joined once.
  const chunks: string[] = [
    'Minimize\n obj:',
    objective.length > 0 ? objective.join('') : ' 0 u0',
    '\nSubject To\n',
  ];
  chunks.push(...rows, 'Bounds\n', ...bounds);
  if (generals.length > 0) chunks.push('General\n', ...generals);
  if (binaries.length > 0) chunks.push('Binary\n', ...binaries);
  chunks.push('End\n');
  return { lp: chunks.join(''), columns, candidates: [...candidates], uncoveredBeforeSolve, sellers, costs };
}
